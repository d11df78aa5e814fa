package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.files.Sizes;
import java.io.Serializable;

/**
 * How large an image a run takes, checked against the header before any pixel is decoded:
 * {@code maxPixels} for every image ({@code --max-pixels}, the guard against decompression bombs),
 * and {@code maxWholePixels} for an image decoded whole ({@code --max-whole-pixels}), whose memory
 * grows with it. An image read band by band, as a stream of tiles, is held to the first only.
 *
 * @param maxPixels width x height above which any image is refused
 * @param maxWholePixels width x height above which an image that must be decoded whole is refused
 */
public record PixelLimits(long maxPixels, long maxWholePixels) implements Serializable {

    /** Default limit of every image: 2 Gpx, read as tiles in memory that does not grow with it. */
    public static final long DEFAULT_MAX_PIXELS = 2_000_000_000L;

    /** Default limit of an image decoded whole: 250 Mpx (about 3 GB of float samples for an RGB image). */
    public static final long DEFAULT_MAX_WHOLE_PIXELS = 250_000_000L;

    /** What an image goes whole for, in the refusal: the cases in which a run cannot stream it as tiles. */
    static final String WHOLE_WHEN = "images are decoded whole unless --task restore without masks or --task"
            + " denoise takes them as tiles, and pages with an orientation to apply and animation frames always"
            + " are";

    public PixelLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be >= 1, got " + maxPixels);
        }
        if (maxWholePixels < 1) {
            throw new IllegalArgumentException("--max-whole-pixels must be >= 1, got " + maxWholePixels);
        }
    }

    /** Limits that hold every image, whole or not, to {@code maxPixels}. */
    public static PixelLimits of(long maxPixels) {
        return new PixelLimits(maxPixels, maxPixels);
    }

    /**
     * Refuses a page of {@code width} x {@code height} that is above {@code --max-pixels}, or, when it
     * is to be decoded {@code whole}, above {@code --max-whole-pixels}; the message names the file, the
     * size, the limit and the option that raises it.
     */
    public void check(String path, int width, int height, boolean whole) throws ImageDecodeException {
        if (width < 1 || height < 1) {
            throw new ImageDecodeException(path, "image header declares " + width + "x" + height + " pixels");
        }
        long pixels = (long) width * height;
        String size = "image is " + width + "x" + height + " = " + Sizes.pixels(pixels);
        if (pixels > maxPixels) {
            throw new ImageDecodeException(
                    path, size + ", above --max-pixels = " + Sizes.pixels(maxPixels) + "; raise it with --max-pixels");
        }
        if (whole && pixels > maxWholePixels) {
            throw new ImageDecodeException(
                    path,
                    size + ", above --max-whole-pixels = " + Sizes.pixels(maxWholePixels)
                            + ", the largest image decoded whole (" + WHOLE_WHEN
                            + "); raise --max-whole-pixels, and the TaskManager memory with it");
        }
    }
}
