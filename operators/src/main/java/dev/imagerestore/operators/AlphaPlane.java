package dev.imagerestore.operators;

import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * The alpha (opacity) plane of a decoded image, kept apart from the colour samples so that the
 * model never sees it and it is written back exactly as read: integer levels in
 * [0, 2<sup>bitDepth</sup> - 1], row-major, bit depth 8 or 16.
 *
 * <p>Immutable: {@link #wrap} takes ownership of the array it is given; {@link #levels()} is a
 * read-only view. Levels are stored as {@code short}s read unsigned ({@code & 0xffff}).
 */
public final class AlphaPlane {

    private final int width;
    private final int height;
    private final int bitDepth;
    private final short[] levels;

    private AlphaPlane(int width, int height, int bitDepth, short[] levels) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("alpha plane dimensions must be positive, got " + width + "x" + height);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("alpha bit depth must be 8 or 16, got " + bitDepth);
        }
        if ((long) width * height != levels.length) {
            throw new IllegalArgumentException("expected " + (long) width * height + " alpha levels for " + width + "x"
                    + height + ", got " + levels.length);
        }
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.levels = levels;
    }

    /** A plane over {@code levels} (row-major, unsigned), which the plane now owns. */
    public static AlphaPlane wrap(int width, int height, int bitDepth, short[] levels) {
        return new AlphaPlane(width, height, bitDepth, levels);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 8 or 16. */
    public int bitDepth() {
        return bitDepth;
    }

    /** The largest level: fully opaque. */
    public int maxLevel() {
        return (1 << bitDepth) - 1;
    }

    /** The level at column {@code x}, row {@code y}. */
    public int level(int x, int y) {
        return levels[y * width + x] & 0xffff;
    }

    /** A read-only view of the row-major levels (read them unsigned). */
    public ShortBuffer levels() {
        return ShortBuffer.wrap(levels).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlphaPlane other
                && width == other.width
                && height == other.height
                && bitDepth == other.bitDepth
                && Arrays.equals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(levels) + width * 7 + height;
    }

    @Override
    public String toString() {
        return "AlphaPlane[" + width + "x" + height + ", " + bitDepth + "-bit]";
    }
}
