package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImagePages;
import dev.imagerestore.operators.decode.PixelLimits;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Opens one {@link ImageFile} for decoding: picks the ImageIO reader, refuses what is not a
 * supported image, and counts the pages of a multi-page TIFF or an animated GIF (any other file has
 * one); {@link PagedImage} then reads the dimensions of each page from its header and rejects it
 * above the pixel limit <em>before</em> any pixel buffer is allocated (as TwelveMonkeys'
 * {@code ImageReaderBase#checkDestinationSize} does), reads it, takes the planes out, applies its
 * EXIF/TIFF orientation and reads the metadata its output carries ({@link MetadataReading}).
 *
 * <p>Every failure, including runtime exceptions and assertion errors from third-party readers on
 * hostile input, becomes an {@link ImageDecodeException} naming the file. Stateless; a reader is
 * created per opened file and disposed when it is closed.
 */
public final class ImageReading {

    private ImageReading() {}

    /** The file's one image; a file of several pages is refused with its page count. */
    public static DecodedImage decode(ImageFile file, PixelLimits limits) throws ImageDecodeException {
        try (ImagePages pages = open(file, limits)) {
            if (pages.count() > 1) {
                throw new ImageDecodeException(
                        file.relativePath(),
                        "has " + pages.count() + " pages (a multi-page TIFF"
                                + " or an animated GIF) where a single image is expected");
            }
            return pages.read(1);
        }
    }

    /** The file's pages, to read one at a time; close them after use. */
    public static ImagePages open(ImageFile file, PixelLimits limits) throws ImageDecodeException {
        String path = file.relativePath();
        if (file.withheldReason().isPresent()) {
            throw new ImageDecodeException(
                    path, stripPath(path, file.withheldReason().get()));
        }
        if (file.size() == 0) {
            throw new ImageDecodeException(path, "file is empty");
        }
        ImageInputStream in = null;
        ImageReader reader = null;
        try {
            in = file.openImageStream();
            reader = readerFor(path, in);
            ImageReader chosen = reader;
            String format = SourceFormats.canonical(reader)
                    .orElseThrow(() -> new ImageDecodeException(
                            path,
                            SourceFormats.describe(chosen) + " images are not supported; this job reads "
                                    + SourceFormats.SUPPORTED));
            reader.setInput(in, false, false);
            int pages = format.equals("tiff") || format.equals("gif") ? reader.getNumImages(true) : 1;
            if (pages < 1) {
                throw new ImageDecodeException(path, "holds no image");
            }
            return new PagedImage(file, in, reader, format, pages, limits);
        } catch (IOException | RuntimeException | AssertionError e) {
            release(in, reader);
            throw failure(path, e);
        }
    }

    /** {@code e} as the decode failure of {@code path}, itself if it already is one. */
    static ImageDecodeException failure(String path, Throwable e) {
        if (e instanceof ImageDecodeException decode) {
            return decode;
        }
        if (e instanceof IIOException) {
            return new ImageDecodeException(path, "corrupt or truncated image: " + describe(e), e);
        }
        return new ImageDecodeException(path, "cannot decode image: " + describe(e), e);
    }

    private static void release(ImageInputStream in, ImageReader reader) {
        if (reader != null) {
            reader.dispose();
        }
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException inMemory) {
            // an in-memory stream over the file's bytes has nothing whose release can fail
        }
    }

    private static ImageReader readerFor(String path, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(
                    path, "not an image in a format this job reads (" + SourceFormats.SUPPORTED + ")");
        }
        return readers.next();
    }

    /**
     * The JPEG reader converts samples with an embedded RGB or gray profile to sRGB unless asked for
     * its raw type, which keeps them as stored, in the profile's space: that type, if so.
     */
    static Optional<ImageTypeSpecifier> profiledRawType(ImageReader reader) {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            ColorSpace space = raw == null ? null : raw.getColorModel().getColorSpace();
            boolean profiled = space instanceof ICC_ColorSpace
                    && !space.isCS_sRGB()
                    && space != ColorSpace.getInstance(ColorSpace.CS_GRAY)
                    && (space.getType() == ColorSpace.TYPE_RGB || space.getType() == ColorSpace.TYPE_GRAY);
            return profiled ? Optional.of(raw) : Optional.empty();
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /** The metadata without a profile whose colour space does not fit the decoded channels. */
    static ImageMetadata keepMatchingProfile(ImageMetadata metadata, int channels) {
        byte[] icc = metadata.icc();
        if (icc.length == 0) {
            return metadata;
        }
        try {
            int type = ICC_Profile.getInstance(icc).getColorSpaceType();
            boolean fits = channels == 1 ? type == ColorSpace.TYPE_GRAY : type == ColorSpace.TYPE_RGB;
            return fits ? metadata : metadata.withIcc(new byte[0]);
        } catch (IllegalArgumentException corrupt) {
            return metadata.withIcc(new byte[0]);
        }
    }

    static DecodedImage toDecoded(
            String path,
            String format,
            Planes p,
            int orientation,
            ImageMetadata metadata,
            long millis,
            int page,
            int pages) {
        boolean swap = Orientation.swapsAxes(orientation);
        int width = swap ? p.height() : p.width();
        int height = swap ? p.width() : p.height();
        float[] colour = Orientation.apply(orientation, p.colour(), p.channels(), p.width(), p.height());
        Optional<AlphaPlane> alpha = Optional.ofNullable(p.alpha())
                .map(a -> AlphaPlane.wrap(
                        width, height, p.depth(), Orientation.apply(orientation, a, p.width(), p.height())));
        FloatImage image = FloatImage.wrap(p.channels(), height, width, p.depth(), colour);
        return new DecodedImage(path, image, alpha, format, orientation, millis, metadata, page, pages);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        String detail = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        return cause != null && cause.getMessage() != null && !detail.contains(cause.getMessage())
                ? detail + " (" + cause.getMessage() + ")"
                : detail;
    }

    private static String stripPath(String path, String reason) {
        return reason.startsWith(path + ": ") ? reason.substring(path.length() + 2) : reason;
    }
}
