package dev.imagerestore.models.image;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An image as planar (channel, row, column) floats in [0, 1], with the bit depth it came from.
 *
 * <p>Immutable: {@link #wrap} takes ownership of the array it is given (the caller must not touch
 * it afterwards), every accessor that exposes samples returns a copy or a read-only view. Values may
 * fall outside [0, 1] (a noisy image with unclipped noise); writers clamp.
 */
public final class FloatImage {

    private final int channels;
    private final int height;
    private final int width;
    private final int bitDepth;
    private final float[] samples;

    private FloatImage(int channels, int height, int width, int bitDepth, float[] samples) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image dimensions must be positive, got " + channels + "x" + height + "x" + width);
        }
        if ((long) channels * height * width != samples.length) {
            throw new IllegalArgumentException("expected " + (long) channels * height * width + " samples for "
                    + channels + "x" + height + "x" + width + ", got " + samples.length);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bitDepth must be 8 or 16, got " + bitDepth);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.bitDepth = bitDepth;
        this.samples = samples;
    }

    /** An image over {@code samples} (planar CHW), which the image now owns. */
    public static FloatImage wrap(int channels, int height, int width, int bitDepth, float[] samples) {
        return new FloatImage(channels, height, width, bitDepth, samples);
    }

    /** An image over a copy of {@code samples}. */
    public static FloatImage copyOf(int channels, int height, int width, int bitDepth, float[] samples) {
        return new FloatImage(channels, height, width, bitDepth, samples.clone());
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** 8 or 16: the depth the image was decoded from and is written back with. */
    public int bitDepth() {
        return bitDepth;
    }

    public long pixels() {
        return (long) height * width;
    }

    public float get(int channel, int y, int x) {
        return samples[(channel * height + y) * width + x];
    }

    /** A read-only view of the planar samples. */
    public FloatBuffer samples() {
        return FloatBuffer.wrap(samples).asReadOnlyBuffer();
    }

    /** A copy of the planar samples. */
    public float[] toArray() {
        return samples.clone();
    }

    /**
     * The centred {@code height x width} window of this image (each side at most this image's).
     *
     * @throws IllegalArgumentException if a side is below 1 or above this image's
     */
    public FloatImage centreCrop(int cropHeight, int cropWidth) {
        if (cropHeight < 1 || cropWidth < 1 || cropHeight > height || cropWidth > width) {
            throw new IllegalArgumentException(
                    "crop " + cropHeight + "x" + cropWidth + " must fit in the image " + height + "x" + width);
        }
        return window((height - cropHeight) / 2, (width - cropWidth) / 2, cropHeight, cropWidth);
    }

    /**
     * The {@code windowHeight x windowWidth} window of this image whose top-left pixel is
     * ({@code top}, {@code left}).
     *
     * @throws IllegalArgumentException if the window is empty or reaches outside this image
     */
    public FloatImage window(int top, int left, int windowHeight, int windowWidth) {
        if (windowHeight < 1
                || windowWidth < 1
                || top < 0
                || left < 0
                || top + windowHeight > height
                || left + windowWidth > width) {
            throw new IllegalArgumentException("window " + windowHeight + "x" + windowWidth + " at (" + top + ", "
                    + left + ") must lie within the image " + height + "x" + width);
        }
        float[] out = new float[channels * windowHeight * windowWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < windowHeight; y++) {
                System.arraycopy(
                        samples,
                        (c * height + top + y) * width + left,
                        out,
                        (c * windowHeight + y) * windowWidth,
                        windowWidth);
            }
        }
        return wrap(channels, windowHeight, windowWidth, bitDepth, out);
    }

    /**
     * The rows {@code [from, to)} of this image, at its full width.
     *
     * @throws IllegalArgumentException if they are not rows of this image
     */
    public FloatImage rows(int from, int to) {
        if (from < 0 || to > height || from >= to) {
            throw new IllegalArgumentException(
                    "rows [" + from + ", " + to + ") are not rows of a " + height + "-row image");
        }
        int band = to - from;
        float[] out = new float[channels * band * width];
        float[] all = samples;
        for (int c = 0; c < channels; c++) {
            System.arraycopy(all, (c * height + from) * width, out, c * band * width, band * width);
        }
        return wrap(channels, band, width, bitDepth, out);
    }

    /** The same samples with another bit depth recorded. */
    public FloatImage withBitDepth(int depth) {
        return depth == bitDepth ? this : new FloatImage(channels, height, width, depth, samples);
    }

    /** This image with one channel repeated three times; a three-channel image is returned as is. */
    public FloatImage toThreeChannels() {
        if (channels == 3) {
            return this;
        }
        if (channels != 1) {
            throw new IllegalStateException("only 1- or 3-channel images can be expanded, got " + channels);
        }
        int plane = height * width;
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(samples, 0, out, c * plane, plane);
        }
        return new FloatImage(3, height, width, bitDepth, out);
    }

    /**
     * Root-mean-square change from this image to {@code output} of the same size, in 8-bit levels;
     * a one-channel image is compared with each channel of a three-channel output.
     *
     * @throws IllegalArgumentException if the sizes differ or the channels cannot be compared
     */
    public double rmsChange(FloatImage output) {
        if (height != output.height || width != output.width) {
            throw new IllegalArgumentException(
                    "images differ in size: " + height + "x" + width + " and " + output.height + "x" + output.width);
        }
        if (channels != output.channels && channels != 1) {
            throw new IllegalArgumentException(
                    "a " + channels + "-channel image cannot be compared with a " + output.channels + "-channel one");
        }
        float[] x = toArray();
        float[] y = output.toArray();
        int plane = height * width;
        double sum = 0;
        for (int c = 0; c < output.channels; c++) {
            int from = (channels == 1 ? 0 : c) * plane;
            for (int i = 0; i < plane; i++) {
                double d = y[c * plane + i] - x[from + i];
                sum += d * d;
            }
        }
        return 255 * Math.sqrt(sum / ((double) output.channels * plane));
    }

    /** The mean of the channels of a three-channel image as one channel (used for grayscale input). */
    public FloatImage toOneChannel() {
        if (channels == 1) {
            return this;
        }
        int plane = height * width;
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[c * plane + i];
            }
            out[i] = sum / channels;
        }
        return new FloatImage(1, height, width, bitDepth, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage other
                && channels == other.channels
                && height == other.height
                && width == other.width
                && bitDepth == other.bitDepth
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(samples) + channels * 7 + height * 3 + width;
    }

    @Override
    public String toString() {
        return "FloatImage[" + channels + "x" + height + "x" + width + ", " + bitDepth + "-bit]";
    }
}
