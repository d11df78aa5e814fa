package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.decode.internal.ImageReading;
import dev.imagerestore.operators.files.Sizes;
import java.io.Serializable;

/**
 * Decodes image files with ImageIO and the TwelveMonkeys plugins: JPEG (baseline, progressive,
 * CMYK/YCCK), PNG (1-16 bit, palette, alpha), TIFF (8/16-bit, LZW/Deflate/PackBits...), BMP, PNM
 * (PBM/PGM/PPM/PAM, 8/16-bit) and GIF. {@link #open} reads every page of a multi-page TIFF or an
 * animated GIF, one at a time ({@link ImagePages}); {@link #decode} reads a file that holds one
 * image and refuses one of several pages with its page count, never cutting it to its first page.
 *
 * <p>Contract: the result's colour is gray or RGB in the source's own colour space: an RGB or gray
 * ICC profile is not applied but kept in {@link dev.imagerestore.operators.ImageMetadata} with EXIF,
 * IPTC, XMP and the resolution, for the output; CMYK and Lab are converted to sRGB. It is in display
 * orientation (the EXIF/TIFF orientation tag is applied), at 8 or 16 bits as the source was
 * (up to 8 bits per sample give 8, more give 16); alpha is passed through untouched. The header
 * is checked against the {@link PixelLimits} before any pixel is decoded, page by page, so a tiny
 * file declaring a huge image costs nothing: this decoder holds images whole, so the smaller of
 * {@code --max-pixels} and {@code --max-whole-pixels} applies, each refusal naming its option. Every failure is an {@link ImageDecodeException}
 * that names the file: never an {@code OutOfMemoryError} for a declared size or an
 * {@code AssertionError} leaking from a codec.
 *
 * <p>Immutable and serializable (configuration only), safe to share between threads.
 */
public final class ImageDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final PixelLimits limits;

    private ImageDecoder(PixelLimits limits) {
        this.limits = limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes a file that holds one image; throws naming the file, the problem and, for limits, how
     * to raise them. A multi-page TIFF or an animated GIF is refused with its page count: read those
     * with {@link #open}.
     */
    public DecodedImage decode(ImageFile file) throws ImageDecodeException {
        return ImageReading.decode(file, limits);
    }

    /**
     * Opens {@code file} to decode its pages one at a time; throws, naming the file, when it is not
     * an image this decoder reads at all (empty, withheld, unknown or unsupported format, unreadable
     * page count). Close the result after use.
     */
    public ImagePages open(ImageFile file) throws ImageDecodeException {
        return ImageReading.open(file, limits);
    }

    public PixelLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return "ImageDecoder[maxPixels=" + Sizes.pixels(limits.maxPixels()) + ", maxWholePixels="
                + Sizes.pixels(limits.maxWholePixels()) + "]";
    }

    /** Builder of {@link ImageDecoder}s. */
    public static final class Builder {

        private long maxPixels = PixelLimits.DEFAULT_MAX_PIXELS;
        private long maxWholePixels = PixelLimits.DEFAULT_MAX_WHOLE_PIXELS;

        private Builder() {}

        /** Images with more pixels (width x height) are rejected before decoding (--max-pixels). */
        public Builder optMaxPixels(long pixels) {
            this.maxPixels = pixels;
            return this;
        }

        /** Images decoded whole, as this decoder decodes them, above this are rejected (--max-whole-pixels). */
        public Builder optMaxWholePixels(long pixels) {
            this.maxWholePixels = pixels;
            return this;
        }

        /** Both limits at once. */
        public Builder optLimits(PixelLimits limits) {
            this.maxPixels = limits.maxPixels();
            this.maxWholePixels = limits.maxWholePixels();
            return this;
        }

        /** @throws IllegalArgumentException naming the option whose limit is below one pixel */
        public ImageDecoder build() {
            return new ImageDecoder(new PixelLimits(maxPixels, maxWholePixels));
        }
    }
}
