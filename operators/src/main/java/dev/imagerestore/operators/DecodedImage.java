package dev.imagerestore.operators;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An input image after decoding: the colour samples the model sees ({@link FloatImage}, 1 or 3
 * channels in [0, 1], display orientation, in the source's RGB or gray colour space), the alpha plane kept apart and
 * untouched, and what the encoder and the report need to know about the source.
 *
 * <p>A multi-page TIFF or an animated GIF decodes to one {@code DecodedImage} per page, each with
 * the file's {@code relativePath}, its {@code page} number and the file's {@code pages}; such a page
 * is known by its {@link #pagePath()}, {@code NAME.page-NNN.EXT} beside {@code NAME.EXT}, which
 * names its output. Any other file is page 1 of 1 and is known by its own path.
 *
 * <p>Immutable; the alpha plane, when present, has the colour's width, height and bit depth.
 *
 * <p>Serialized by {@link dev.imagerestore.operators.internal.DecodedImageSerializer}: decoded
 * samples lie on the 8- or 16-bit grid, so they travel as 1 or 2 bytes per sample (a quarter or a
 * half of the float size) with a lossless check and a float fallback; no Kryo.
 *
 * @param relativePath input path relative to the input root, '/'-separated
 * @param colour colour or gray samples; its bit depth (8 or 16) is the image's bit depth
 * @param alpha the alpha plane, if the source had one
 * @param sourceFormat canonical name of the decoded format: png, jpeg, tiff, bmp, pnm or gif
 * @param orientation the EXIF/TIFF orientation (1-8) that was applied; 1 means none was needed
 * @param decodeMillis wall-clock milliseconds spent decoding
 * @param metadata the source's EXIF, IPTC, XMP, ICC profile and resolution, for the output
 * @param page the page of the file this image is, from 1
 * @param pages how many pages the file has, 1 for all but multi-page TIFFs and animated GIFs
 */
@TypeInfo(TypeInfoFactories.DecodedImageFactory.class)
public record DecodedImage(
        String relativePath,
        FloatImage colour,
        Optional<AlphaPlane> alpha,
        String sourceFormat,
        int orientation,
        long decodeMillis,
        ImageMetadata metadata,
        int page,
        int pages) {

    public DecodedImage {
        RelativePaths.check(relativePath);
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(alpha, "alpha");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(metadata, "metadata");
        if (colour.channels() != 1 && colour.channels() != 3) {
            throw new IllegalArgumentException("colour must have 1 or 3 channels, got " + colour.channels());
        }
        alpha.ifPresent(a -> checkAlpha(a, colour));
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("orientation must be an EXIF orientation 1-8, got " + orientation);
        }
        if (decodeMillis < 0) {
            throw new IllegalArgumentException("decodeMillis must be >= 0, got " + decodeMillis);
        }
        if (page < 1 || page > pages) {
            throw new IllegalArgumentException(
                    "page must be in [1, pages = " + pages + "], got " + page + " for " + relativePath);
        }
    }

    /** The only image of a single-image file. */
    public DecodedImage(
            String relativePath,
            FloatImage colour,
            Optional<AlphaPlane> alpha,
            String sourceFormat,
            int orientation,
            long decodeMillis,
            ImageMetadata metadata) {
        this(relativePath, colour, alpha, sourceFormat, orientation, decodeMillis, metadata, 1, 1);
    }

    /** A decoded single image without metadata. */
    public DecodedImage(
            String relativePath,
            FloatImage colour,
            Optional<AlphaPlane> alpha,
            String sourceFormat,
            int orientation,
            long decodeMillis) {
        this(relativePath, colour, alpha, sourceFormat, orientation, decodeMillis, ImageMetadata.NONE);
    }

    /** Whether this is one page of a multi-page file (a multi-page TIFF or an animated GIF). */
    public boolean isPageOfMany() {
        return pages > 1;
    }

    /**
     * The path this image is known by, which its output is named after: {@link #relativePath()} for
     * a single image, {@link #pagePath(String, int)} for a page of a multi-page file.
     */
    public String pagePath() {
        return isPageOfMany() ? pagePath(relativePath, page) : relativePath;
    }

    /** "page 2 of 3" for a page of a multi-page file, empty for a single image; for report reasons. */
    public String pageLabel() {
        return isPageOfMany() ? pageLabel(page, pages) : "";
    }

    /** "page 2 of 3": page {@code page} of a file of {@code pages}, for report reasons. */
    public static String pageLabel(int page, int pages) {
        return "page " + page + " of " + pages;
    }

    /**
     * The path of page {@code page} (from 1) of the multi-page file {@code relativePath}: beside it,
     * {@code NAME.page-NNN.EXT} for {@code NAME.EXT}, with {@code NNN} zero-padded to at least three
     * digits ({@code scans/book.tif} page 2 is {@code scans/book.page-002.tif}; a name without an
     * extension gets {@code NAME.page-NNN}).
     */
    public static String pagePath(String relativePath, int page) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1, got " + page + " for " + relativePath);
        }
        String name = RelativePaths.fileName(relativePath);
        int dot = name.lastIndexOf('.');
        int cut = dot <= 0 ? relativePath.length() : relativePath.length() - name.length() + dot;
        return relativePath.substring(0, cut)
                + String.format(Locale.ROOT, ".page-%03d", page)
                + relativePath.substring(cut);
    }

    private static void checkAlpha(AlphaPlane a, FloatImage colour) {
        if (a.width() != colour.width() || a.height() != colour.height() || a.bitDepth() != colour.bitDepth()) {
            throw new IllegalArgumentException("alpha " + a + " does not match colour " + colour);
        }
    }

    /** 8 or 16: the depth of the colour and alpha samples, and of 16-bit capable outputs. */
    public int bitDepth() {
        return colour.bitDepth();
    }

    public int width() {
        return colour.width();
    }

    public int height() {
        return colour.height();
    }
}
