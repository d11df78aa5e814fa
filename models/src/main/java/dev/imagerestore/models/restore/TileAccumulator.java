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
 * exactly once. {@link #rows} accumulates a band of rows instead, from the tiles that overlap it, so
 * an image can be stitched band by band in bounded memory: every sample is the same sum, added in the
 * same order (the tiles' grid order, when they are added in it), so the bands of an image are
 * bit-identical to the rows of its whole result. Not thread-safe.
 */
public final class TileAccumulator {

    private final TileGrid grid;
    private final int channels;
    private final int bitDepth;
    private final float[] sum;
    private final float[] rowWeights;
    private final int fromRow;
    private final int toRow;
    private final int expected;
    private final BitSet added = new BitSet();
    private int count;
    private boolean spent;

    /**
     * @param channels channels of the stitched image, 1 or 3
     * @param bitDepth the bit depth recorded on the result (8 or 16)
     */
    public TileAccumulator(TileGrid grid, int channels, int bitDepth) {
        this(grid, channels, bitDepth, 0, grid.height());
    }

    private TileAccumulator(TileGrid grid, int channels, int bitDepth, int fromRow, int toRow) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (fromRow < 0 || toRow > grid.height() || fromRow >= toRow) {
            throw new IllegalArgumentException("rows [" + fromRow + ", " + toRow + ") are not a band of " + grid);
        }
        this.grid = grid;
        this.channels = channels;
        this.bitDepth = bitDepth;
        this.fromRow = fromRow;
        this.toRow = toRow;
        this.expected = (int) grid.tiles().stream().filter(this::overlaps).count();
        this.sum = new float[Math.multiplyExact(channels, Math.multiplyExact(toRow - fromRow, grid.width()))];
        this.rowWeights = new float[grid.tileSize()];
    }

    /**
     * An accumulator of the rows {@code [fromRow, toRow)} of {@code grid}'s image: it takes the tiles
     * that overlap them, and its {@link #result()} is those rows of the whole result.
     */
    public static TileAccumulator rows(TileGrid grid, int channels, int bitDepth, int fromRow, int toRow) {
        return new TileAccumulator(grid, channels, bitDepth, fromRow, toRow);
    }

    /** Whether {@code tile} covers any row of this accumulator's band. */
    public boolean overlaps(TileRegion tile) {
        return tile.y() < toRow && tile.y() + grid.tileSize() > fromRow;
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
        if (!overlaps(tile)) {
            throw new IllegalArgumentException(
                    "tile " + tile + " does not cover rows [" + fromRow + ", " + toRow + ")");
        }
        if (added.get(index)) {
            throw new IllegalStateException("tile " + tile + " was added twice");
        }
        added.set(index);
        count++;
        float share = channels == 1 ? 1f / tileChannels : 1f;
        int firstRow = Math.max(0, fromRow - tile.y());
        int rowsInBand = Math.min(s, toRow - tile.y());
        int columnsInImage = Math.min(s, grid.width() - tile.x());
        int bandHeight = toRow - fromRow;
        for (int dy = firstRow; dy < rowsInBand; dy++) {
            grid.rowWeights(tile, dy, rowWeights);
            for (int c = 0; c < tileChannels; c++) {
                int in = (c * s + dy) * s;
                int out = ((channels == 1 ? 0 : c) * bandHeight + tile.y() + dy - fromRow) * grid.width() + tile.x();
                for (int dx = 0; dx < columnsInImage; dx++) {
                    sum[out + dx] += share * rowWeights[dx] * samples[in + dx];
                }
            }
        }
    }

    /**
     * The stitched image (or band); every tile of the grid that covers it must have been added. The
     * accumulator is spent afterwards.
     */
    public FloatImage result() {
        if (count != expected) {
            throw new IllegalStateException(count + " of " + expected + " tiles of " + grid + " were added");
        }
        spent = true;
        return FloatImage.wrap(channels, toRow - fromRow, grid.width(), bitDepth, sum);
    }
}
