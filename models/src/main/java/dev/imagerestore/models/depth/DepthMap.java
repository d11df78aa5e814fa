package dev.imagerestore.models.depth;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.image.PlaneOps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A depth map: one row-major plane of {@code height x width} values with their {@link
 * DepthConvention}. Immutable (the array is copied in and out).
 *
 * <p>{@link #normalized()} gives the conditioning plane of the depth-guided UNet: inverse depth
 * rescaled per image to [-1, 1] with near = +1, as Stable Diffusion 2's depth model takes MiDaS
 * output. For a {@link DepthConvention#DEPTH} map the values are inverted first (values at or below
 * 1e-3 are clamped there); a {@link DepthConvention#DISPARITY} map is rescaled as it is.
 */
public final class DepthMap {

    private final int height;
    private final int width;
    private final float[] values;
    private final DepthConvention convention;

    private DepthMap(int height, int width, float[] values, DepthConvention convention) {
        if (height < 1 || width < 1 || (long) height * width != values.length) {
            throw new IllegalArgumentException("a " + height + "x" + width + " depth map needs " + (long) height * width
                    + " values, got " + values.length);
        }
        this.height = height;
        this.width = width;
        this.values = values;
        this.convention = Objects.requireNonNull(convention, "convention");
    }

    /** A map over a copy of {@code values}. */
    public static DepthMap of(int height, int width, float[] values, DepthConvention convention) {
        return new DepthMap(height, width, values.clone(), convention);
    }

    /**
     * Reads a depth image (8- or 16-bit PNG or any format {@link ImageFiles} reads; a colour file
     * contributes its channel mean), its values scaled to [0, 1].
     *
     * @throws IOException naming the file if it cannot be decoded
     */
    public static DepthMap read(Path file, DepthConvention convention) throws IOException {
        FloatImage image;
        try {
            image = ImageFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": unreadable depth map: " + e.getMessage(), e);
        }
        FloatImage one = image.channels() == 1 ? image : image.toOneChannel();
        return new DepthMap(one.height(), one.width(), one.toArray(), convention);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public DepthConvention convention() {
        return convention;
    }

    /** A copy of the values. */
    public float[] values() {
        return values.clone();
    }

    /** This map resampled to {@code newHeight x newWidth} (area average when shrinking, bilinear when growing). */
    public DepthMap resized(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return this;
        }
        return new DepthMap(
                newHeight, newWidth, PlaneOps.resize(values, height, width, newHeight, newWidth), convention);
    }

    /** The conditioning plane: inverse depth rescaled to [-1, 1], near = +1 (zeros for a flat map). */
    public float[] normalized() {
        return convention == DepthConvention.DEPTH
                ? PlaneOps.normalizedDisparity(values)
                : PlaneOps.rescaleToUnitRange(values);
    }
}
