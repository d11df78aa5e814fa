package dev.imagerestore.models.restore;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.internal.AxisTiling;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Covers an {@code height x width} image with square tiles that overlap, and gives each tile smooth
 * blending weights that add up to one at every pixel.
 *
 * <p>Tiles have side {@link #tileSize()}, chosen per image size so that the network computes as few
 * samples as it can: among the multiples of the network's size multiple from half the requested tile
 * size up to the requested size, the side whose tiles cover the image with the fewest samples in all
 * (ties go to the larger side, so fewer tiles). Square tiles of a fixed side computed twice the pixels
 * of a 481x321 photograph at side 160 (4x3 tiles of 160 squared); side 120 covers it with 1.4 times its
 * pixels. For an image smaller than the requested size the side is its larger side rounded up to the
 * size multiple. Images of one size always get the same side, so their tiles still share batches.
 * An image shorter than a tile along
 * an axis is extended there by reflection ({@link #extract}) and cropped back by the
 * {@link TileAccumulator}. Along each axis the tiles are spread evenly with at least {@code overlap}
 * shared samples; the weight of tile (row, column) at offset (dy, dx) is the product of two
 * one-dimensional raised-cosine profiles, each normalised over all tiles of its axis, so the weights
 * of all tiles sum to one at every pixel up to float rounding, and seams fade instead of cutting.
 *
 * <p>Immutable and thread-safe; the grid holds only the two axis profiles, never image data.
 */
public final class TileGrid {

    private final int height;
    private final int width;
    private final int tileSize;
    private final AxisTiling rows;
    private final AxisTiling columns;

    private TileGrid(int height, int width, int tileSize, AxisTiling rows, AxisTiling columns) {
        this.height = height;
        this.width = width;
        this.tileSize = tileSize;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * The grid for an image of {@code height x width}.
     *
     * @param tileSize the largest tile side, a multiple of {@code sizeMultiple}
     * @param overlap samples shared by neighbouring tiles, in {@code [0, tileSize)}
     * @param sizeMultiple the multiple every tile side must have (the network's)
     */
    public static TileGrid cover(int height, int width, int tileSize, int overlap, int sizeMultiple) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        checkTiling(tileSize, overlap, sizeMultiple);
        int side = fittedSide(height, width, tileSize, overlap, sizeMultiple);
        return new TileGrid(
                height,
                width,
                side,
                AxisTiling.of(Math.max(height, side), side, Math.min(overlap, side - 1)),
                AxisTiling.of(Math.max(width, side), side, Math.min(overlap, side - 1)));
    }

    /**
     * The tile side that covers {@code height x width} with the fewest computed samples, see the class
     * comment. Overlap is kept at {@code overlap} for every candidate, so a smaller side never blends
     * over a narrower seam.
     */
    static int fittedSide(int height, int width, int tileSize, int overlap, int sizeMultiple) {
        int needed = roundUp(Math.max(height, width), sizeMultiple);
        if (needed <= tileSize) {
            return needed;
        }
        int smallest = Math.max(roundUp(Math.max(tileSize / 2, 2 * overlap), sizeMultiple), sizeMultiple);
        int best = tileSize;
        long bestSamples = Long.MAX_VALUE;
        for (int side = tileSize; side >= smallest; side -= sizeMultiple) {
            int shared = Math.min(overlap, side - 1);
            long samples =
                    (long) AxisTiling.count(height, side, shared) * AxisTiling.count(width, side, shared) * side * side;
            if (samples < bestSamples) {
                bestSamples = samples;
                best = side;
            }
        }
        return best;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Checks tiling settings, naming the value, the limit and the fix. */
    static void checkTiling(int tileSize, int overlap, int sizeMultiple) {
        if (sizeMultiple < 1 || tileSize < sizeMultiple || tileSize % sizeMultiple != 0) {
            throw new IllegalArgumentException("tile size " + tileSize + " must be a positive multiple of the "
                    + "network's size multiple " + sizeMultiple + "; choose e.g. "
                    + Math.max(sizeMultiple, Math.round((double) tileSize / sizeMultiple) * sizeMultiple));
        }
        if (overlap < 0 || 2 * overlap > tileSize) {
            throw new IllegalArgumentException("tile overlap " + overlap + " must be in [0, tileSize/2 = "
                    + tileSize / 2 + "]; lower the overlap or raise the tile size");
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The side of every tile of this grid. */
    public int tileSize() {
        return tileSize;
    }

    public int size() {
        return rows.count() * columns.count();
    }

    public int rows() {
        return rows.count();
    }

    public int columns() {
        return columns.count();
    }

    /** The row-major index of a tile of this grid; rejects a region that is not one of its tiles. */
    public int indexOf(TileRegion tile) {
        if (tile.row() >= rows.count()
                || tile.column() >= columns.count()
                || tile.size() != tileSize
                || tile.y() != rows.start(tile.row())
                || tile.x() != columns.start(tile.column())) {
            throw new IllegalArgumentException("tile " + tile + " is not a tile of " + this);
        }
        return tile.row() * columns.count() + tile.column();
    }

    /** All tiles, row by row. */
    public List<TileRegion> tiles() {
        List<TileRegion> tiles = new ArrayList<>(size());
        for (int r = 0; r < rows.count(); r++) {
            for (int c = 0; c < columns.count(); c++) {
                tiles.add(new TileRegion(r, c, rows.start(r), columns.start(c), tileSize));
            }
        }
        return tiles;
    }

    /** Tile {@code index} in row-major order, as {@link #tiles()} lists it, without listing the others. */
    public TileRegion tile(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("tile " + index + " of " + this);
        }
        int r = index / columns.count();
        int c = index % columns.count();
        return new TileRegion(r, c, rows.start(r), columns.start(c), tileSize);
    }

    /** The blending weight of {@code tile} at offset ({@code dy}, {@code dx}) inside it. */
    public float weight(TileRegion tile, int dy, int dx) {
        return rows.weight(tile.row(), dy) * columns.weight(tile.column(), dx);
    }

    /** The weights of one row of a tile: {@code out[dx] = weight(tile, dy, dx)}. Modifies {@code out}. */
    void rowWeights(TileRegion tile, int dy, float[] out) {
        float wy = rows.weight(tile.row(), dy);
        for (int dx = 0; dx < tileSize; dx++) {
            out[dx] = wy * columns.weight(tile.column(), dx);
        }
    }

    /**
     * The planar samples {@code (channels, size, size)} of a tile, positions past the image edge
     * reflected. A one-channel image asked for three channels gives three equal planes.
     */
    public float[] extract(FloatImage image, TileRegion tile, int channels) {
        if (image.height() != height || image.width() != width) {
            throw new IllegalArgumentException("image is " + image.height() + "x" + image.width()
                    + " but this grid covers " + height + "x" + width);
        }
        if (channels != image.channels() && !(image.channels() == 1 && channels == 3)) {
            throw new IllegalArgumentException("cannot feed a " + image.channels() + "-channel image as " + channels
                    + " channels; only 1 -> 3 expansion is defined");
        }
        int s = tile.size();
        float[] out = new float[channels * s * s];
        FloatBuffer in = image.samples();
        for (int c = 0; c < channels; c++) {
            int plane = (image.channels() == 1 ? 0 : c) * height * width;
            for (int dy = 0; dy < s; dy++) {
                int row = plane + AxisTiling.reflect(tile.y() + dy, height) * width;
                int base = (c * s + dy) * s;
                for (int dx = 0; dx < s; dx++) {
                    out[base + dx] = in.get(row + AxisTiling.reflect(tile.x() + dx, width));
                }
            }
        }
        return out;
    }

    /**
     * The image rows {@code [from, to)} that {@link #extract} reads for the tiles of grid row
     * {@code row}, reflection past the image edge included: a band of them is all
     * {@link #extract(FloatImage, int, TileRegion, int)} needs.
     */
    public int[] rowsRead(int row) {
        int y = rows.start(row);
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int dy = 0; dy < tileSize; dy++) {
            int source = AxisTiling.reflect(y + dy, height);
            from = Math.min(from, source);
            to = Math.max(to, source + 1);
        }
        return new int[] {from, to};
    }

    /**
     * As {@link #extract(FloatImage, TileRegion, int)}, from {@code band}: the image's rows
     * {@code [bandTop, bandTop + band.height())} at its full width, which must hold the rows
     * {@link #rowsRead} names for the tile's grid row. The samples are the very ones the whole image
     * gives.
     */
    public float[] extract(FloatImage band, int bandTop, TileRegion tile, int channels) {
        int[] needed = rowsRead(tile.row());
        if (band.width() != width || needed[0] < bandTop || needed[1] > bandTop + band.height()) {
            throw new IllegalArgumentException("band of rows [" + bandTop + ", " + (bandTop + band.height()) + ") x "
                    + band.width() + " does not hold rows [" + needed[0] + ", " + needed[1] + ") x " + width
                    + " of tile " + tile + " of " + this);
        }
        if (channels != band.channels() && !(band.channels() == 1 && channels == 3)) {
            throw new IllegalArgumentException("cannot feed a " + band.channels() + "-channel image as " + channels
                    + " channels; only 1 -> 3 expansion is defined");
        }
        int s = tile.size();
        int bandHeight = band.height();
        float[] out = new float[channels * s * s];
        FloatBuffer in = band.samples();
        for (int c = 0; c < channels; c++) {
            int plane = (band.channels() == 1 ? 0 : c) * bandHeight * width;
            for (int dy = 0; dy < s; dy++) {
                int row = plane + (AxisTiling.reflect(tile.y() + dy, height) - bandTop) * width;
                int base = (c * s + dy) * s;
                for (int dx = 0; dx < s; dx++) {
                    out[base + dx] = in.get(row + AxisTiling.reflect(tile.x() + dx, width));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TileGrid[" + height + "x" + width + ", " + rows.count() + "x" + columns.count() + " tiles of "
                + tileSize + "]";
    }
}
