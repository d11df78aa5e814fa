package dev.imagerestore.models.restore;

/**
 * One square tile of a {@link TileGrid}: its place in the grid ({@code row}, {@code column}) and its
 * pixel region, {@code size} x {@code size} samples whose top-left corner is ({@code y}, {@code x}).
 * The region may reach past the bottom or right edge of an image smaller than a tile; those samples
 * are reflections of the image (see {@link TileGrid#extract}). Immutable.
 */
public record TileRegion(int row, int column, int y, int x, int size) {

    public TileRegion {
        if (row < 0 || column < 0 || y < 0 || x < 0 || size < 1) {
            throw new IllegalArgumentException("invalid tile region: row=" + row + ", column=" + column + ", y=" + y
                    + ", x=" + x + ", size=" + size);
        }
    }
}
