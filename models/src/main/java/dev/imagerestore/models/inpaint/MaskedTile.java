package dev.imagerestore.models.inpaint;

/**
 * One tile to inpaint: planar samples {@code (channels, size, size)} in [0, 1] whose damaged pixels
 * already hold a first guess, the damage {@code (size, size)} (1 = fill, 0 = keep), the id of the
 * image it comes from and its top-left corner there; id and corner key the tile's noise so that
 * overlapping tiles of one image see the same noise field whatever batch they travel in.
 *
 * <p>Immutable by convention: the record keeps the arrays it is given and nobody may modify them
 * afterwards.
 */
public record MaskedTile(float[] samples, float[] damage, int size, long imageId, int originY, int originX) {

    public MaskedTile {
        if (samples == null
                || damage == null
                || size < 1
                || damage.length != size * size
                || samples.length == 0
                || samples.length % (size * size) != 0) {
            throw new IllegalArgumentException("a tile of side " + size + " needs channels x " + size + " x " + size
                    + " samples and " + size + " x " + size + " damage values, got "
                    + (samples == null ? "null" : samples.length) + " and "
                    + (damage == null ? "null" : damage.length));
        }
    }

    public int channels() {
        return samples.length / (size * size);
    }
}
