package dev.imagerestore.operators.inference;

/**
 * One tile to restore on the device: planar samples {@code (channels, size, size)} in [0, 1] (noise
 * may leave some outside), the standard deviation of its additive noise on the 0-255 scale, the id of
 * the image it belongs to and its top-left corner in that image. The fields mirror the models
 * library's {@code restore.TileInput}, so binding a {@link TileBatchProcessor} to its tile denoiser is
 * a field-by-field copy.
 *
 * <p>Ownership: the record keeps the array it is given; once submitted, nobody may modify it.
 */
public record TileWork(float[] samples, int size, double pixelSigma, long imageId, int originY, int originX) {

    public TileWork {
        if (samples == null || size < 1 || samples.length == 0 || samples.length % (size * size) != 0) {
            throw new IllegalArgumentException("a tile of side " + size + " needs channels x " + size + " x " + size
                    + " samples, got " + (samples == null ? "null" : samples.length));
        }
        if (!(pixelSigma >= 0) || Double.isInfinite(pixelSigma)) {
            throw new IllegalArgumentException("pixel noise sigma must be finite and >= 0, got " + pixelSigma);
        }
    }

    public int channels() {
        return samples.length / (size * size);
    }
}
