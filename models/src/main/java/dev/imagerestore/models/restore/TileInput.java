package dev.imagerestore.models.restore;

/**
 * One tile to restore, as the {@link TileBatchDenoiser} takes it: planar samples
 * {@code (channels, size, size)} in [0, 1] (unclipped noise may leave them outside), the standard
 * deviation of its additive noise on the 0-255 scale, and, for stochastic refinement, the id of the
 * image it comes from and its top-left corner in that image, which key the tile's refinement noise so
 * that overlapping tiles of one image see the same noise field whatever batch they travel in.
 *
 * <p>Immutable by convention: the record keeps the array it is given and nobody may modify it
 * afterwards.
 */
public record TileInput(float[] samples, int size, double pixelSigma, long imageId, int originY, int originX) {

    public TileInput {
        if (samples == null || size < 1 || samples.length == 0 || samples.length % (size * size) != 0) {
            throw new IllegalArgumentException("a tile of side " + size + " needs channels x " + size + " x " + size
                    + " samples, got " + (samples == null ? "null" : samples.length));
        }
        if (!(pixelSigma >= 0) || Double.isInfinite(pixelSigma)) {
            throw new IllegalArgumentException("pixel noise sigma must be finite and >= 0, got " + pixelSigma);
        }
    }

    /** A tile of a single image whose refinement noise depends only on the seed and the tile's position. */
    public static TileInput of(float[] samples, TileRegion region, double pixelSigma) {
        return new TileInput(samples, region.size(), pixelSigma, 0, region.y(), region.x());
    }

    public int channels() {
        return samples.length / (size * size);
    }
}
