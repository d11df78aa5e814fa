package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Which pixels of an image to repair: a binary {@code height x width} raster, {@code true} = damaged
 * (to be filled), {@code false} = known (kept exactly).
 *
 * <p>Files: a mask image is read with white (or any sample above one half, in any channel) meaning
 * "repair", as painted masks usually are; a mask of another size than its image is resized
 * nearest-neighbour ({@link #resizedTo}). Immutable and thread-safe.
 */
public final class Mask {

    private final int height;
    private final int width;
    private final BitSet bits;
    private final int count;

    private Mask(int height, int width, BitSet bits) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("mask size must be positive, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.bits = bits;
        this.count = bits.cardinality();
    }

    /** A mask from a row-major array ({@code height * width} entries); the array is copied. */
    public static Mask of(int height, int width, boolean[] damaged) {
        if (damaged.length != (long) height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " mask needs " + (long) height * width
                    + " entries, got " + damaged.length);
        }
        BitSet bits = new BitSet(damaged.length);
        for (int i = 0; i < damaged.length; i++) {
            bits.set(i, damaged[i]);
        }
        return new Mask(height, width, bits);
    }

    /** A mask from the words of {@link #words()} (for serializers); bits past the last pixel are rejected. */
    public static Mask ofWords(int height, int width, long[] words) {
        BitSet bits = BitSet.valueOf(words);
        if (bits.length() > (long) height * width) {
            throw new IllegalArgumentException(
                    "mask words set pixel " + (bits.length() - 1) + " of a " + height + "x" + width + " mask");
        }
        return new Mask(height, width, bits);
    }

    /** The damaged pixels as the little-endian words of a bit set, row-major (for serializers). */
    public long[] words() {
        return bits.toLongArray();
    }

    /** A mask with no damaged pixel. */
    public static Mask empty(int height, int width) {
        return new Mask(height, width, new BitSet());
    }

    /** The axis-aligned box {@code [y, y + h) x [x, x + w)}, clipped to the image. */
    public static Mask box(int height, int width, int y, int x, int h, int w) {
        BitSet bits = new BitSet();
        for (int r = Math.max(0, y); r < Math.min(height, y + h); r++) {
            bits.set(r * width + Math.max(0, x), r * width + Math.min(width, x + w));
        }
        return new Mask(height, width, bits);
    }

    /** A mask image: a pixel is damaged where any channel is above one half (white = repair). */
    public static Mask fromImage(FloatImage image) {
        int plane = image.height() * image.width();
        BitSet bits = new BitSet(plane);
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                if (image.get(c, i / image.width(), i % image.width()) > 0.5f) {
                    bits.set(i);
                }
            }
        }
        return new Mask(image.height(), image.width(), bits);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public boolean get(int y, int x) {
        return bits.get(y * width + x);
    }

    /** Number of damaged pixels. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Damaged pixels over all pixels, in [0, 1]. */
    public double fraction() {
        return count / ((double) height * width);
    }

    /** This mask at another size, nearest neighbour (pixel centres mapped); itself if the size matches. */
    public Mask resizedTo(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return this;
        }
        BitSet out = new BitSet();
        for (int y = 0; y < newHeight; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / newHeight));
            for (int x = 0; x < newWidth; x++) {
                int sx = Math.min(width - 1, (int) ((x + 0.5) * width / newWidth));
                if (bits.get(sy * width + sx)) {
                    out.set(y * newWidth + x);
                }
            }
        }
        return new Mask(newHeight, newWidth, out);
    }

    /** The pixels within Chebyshev distance {@code radius} of a damaged pixel (a square dilation). */
    public Mask dilated(int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("dilation radius must be >= 0, got " + radius);
        }
        if (radius == 0 || count == 0) {
            return this;
        }
        boolean[] rows = new boolean[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (bits.get(y * width + x)) {
                    Arrays.fill(
                            rows,
                            y * width + Math.max(0, x - radius),
                            y * width + Math.min(width, x + radius + 1),
                            true);
                }
            }
        }
        boolean[] out = new boolean[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int r = Math.max(0, y - radius);
                        r <= Math.min(height - 1, y + radius) && !out[y * width + x];
                        r++) {
                    out[y * width + x] = rows[r * width + x];
                }
            }
        }
        return of(height, width, out);
    }

    /** Pixels damaged in this mask or in {@code other} (same size). */
    public Mask union(Mask other) {
        checkSameSize(other);
        BitSet out = (BitSet) bits.clone();
        out.or(other.bits);
        return new Mask(height, width, out);
    }

    /** Pixels damaged in both masks (same size). */
    public int overlapCount(Mask other) {
        checkSameSize(other);
        BitSet out = (BitSet) bits.clone();
        out.and(other.bits);
        return out.cardinality();
    }

    /** Whether a damaged pixel lies in {@code [y, y + h) x [x, x + w)} (clipped to the mask). */
    public boolean intersects(int y, int x, int h, int w) {
        for (int r = Math.max(0, y); r < Math.min(height, y + h); r++) {
            int from = r * width + Math.max(0, x);
            int next = bits.nextSetBit(from);
            if (next >= 0 && next < r * width + Math.min(width, x + w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An image with the pixels of this mask from {@code inside} and all others from {@code outside},
     * bit for bit; both must have this mask's size and the same channels.
     */
    public FloatImage select(FloatImage inside, FloatImage outside) {
        if (inside.channels() != outside.channels()
                || inside.height() != height
                || inside.width() != width
                || outside.height() != height
                || outside.width() != width) {
            throw new IllegalArgumentException("cannot select between a " + inside.channels() + "x" + inside.height()
                    + "x" + inside.width() + " and a " + outside.channels() + "x" + outside.height() + "x"
                    + outside.width() + " image with a " + height + "x" + width + " mask");
        }
        float[] out = outside.toArray();
        float[] in = inside.toArray();
        int plane = height * width;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            for (int c = 0; c < outside.channels(); c++) {
                out[c * plane + i] = in[c * plane + i];
            }
        }
        return FloatImage.wrap(outside.channels(), height, width, outside.bitDepth(), out);
    }

    /** The mask as a one-channel 8-bit image, 1 = damaged (for writing sidecar files). */
    public FloatImage toImage() {
        float[] samples = new float[height * width];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            samples[i] = 1f;
        }
        return FloatImage.wrap(1, height, width, 8, samples);
    }

    /**
     * Checks that {@code other} has this mask's size.
     *
     * @throws IllegalArgumentException naming both sizes if it has not
     */
    public void checkSameSize(Mask other) {
        if (other.height != height || other.width != width) {
            throw new IllegalArgumentException(
                    "masks differ in size: " + height + "x" + width + " and " + other.height + "x" + other.width);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.height == height && m.width == width && m.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + bits.hashCode();
    }

    @Override
    public String toString() {
        return "Mask[" + height + "x" + width + ", " + count + " damaged]";
    }
}
