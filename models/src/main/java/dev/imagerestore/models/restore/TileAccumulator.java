package dev.imagerestore.models.restore;

import dev.imagerestore.models.image.FloatImage;
import java.util.BitSet;

/**
 * Stitches restored tiles back into one image: each tile is added with its {@link TileGrid} blending
 * weights, so once every tile is in, each pixel is the weighted mean of the tiles covering it. Samples
 * of tiles that fall past the image edge (reflection padding) are dropped. A three-channel tile added
 * to a one-channel accumulator contributes the mean of its channels (grayscale images run through a
 * three-channel network).
 *
 * <p>Holds one {@code channels x height x width} float buffer; tiles may arrive in any order, each
 * exactly once. Not thread-safe.
 */
public final class TileAccumulator {

    private final TileGrid grid;
    private final int channels;
    private final int bitDepth;
    private final float[] sum;
    private final float[] rowWeights;
    private final BitSet added = new BitSet();
    private int count;
    private boolean spent;

    /**
     * @param channels channels of the stitched image, 1 or 3
     * @param bitDepth the bit depth recorded on the result (8 or 16)
     */
    public TileAccumulator(TileGrid grid, int channels, int bitDepth) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        this.grid = grid;
        this.channels = channels;
        this.bitDepth = bitDepth;
        this.sum = new float[Math.multiplyExact(channels, Math.multiplyExact(grid.height(), grid.width()))];
        this.rowWeights = new float[grid.tileSize()];
    }

    /** Adds a restored tile, planar {@code (c, size, size)} with c = the accumulator's channels, or 3. */
    public void add(TileRegion tile, float[] samples) {
        int s = grid.tileSize();
        int plane = s * s;
        int tileChannels = samples.length / plane;
        if (samples.length % plane != 0 || (tileChannels != channels && tileChannels != 3)) {
            throw new IllegalArgumentException("tile " + tile + " with " + samples.length + " samples does not fit "
                    + grid + " with " + channels + " channels");
        }
        if (spent) {
            throw new IllegalStateException("result() was already taken from this accumulator");
        }
        int index = grid.indexOf(tile);
        if (added.get(index)) {
            throw new IllegalStateException("tile " + tile + " was added twice");
        }
        added.set(index);
        count++;
        float share = channels == 1 ? 1f / tileChannels : 1f;
        int rowsInImage = Math.min(s, grid.height() - tile.y());
        int columnsInImage = Math.min(s, grid.width() - tile.x());
        for (int dy = 0; dy < rowsInImage; dy++) {
            grid.rowWeights(tile, dy, rowWeights);
            for (int c = 0; c < tileChannels; c++) {
                int in = (c * s + dy) * s;
                int out = ((channels == 1 ? 0 : c) * grid.height() + tile.y() + dy) * grid.width() + tile.x();
                for (int dx = 0; dx < columnsInImage; dx++) {
                    sum[out + dx] += share * rowWeights[dx] * samples[in + dx];
                }
            }
        }
    }

    /** The stitched image; every tile of the grid must have been added. The accumulator is spent afterwards. */
    public FloatImage result() {
        if (count != grid.size()) {
            throw new IllegalStateException(count + " of " + grid.size() + " tiles of " + grid + " were added");
        }
        spent = true;
        return FloatImage.wrap(channels, grid.height(), grid.width(), bitDepth, sum);
    }
}
