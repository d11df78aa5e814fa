package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.internal.Sizes;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one {@link ImageFile}: picks the ImageIO reader, reads the dimensions from the header
 * and rejects images above the pixel limit <em>before</em> any pixel buffer is allocated (as
 * TwelveMonkeys' {@code ImageReaderBase#checkDestinationSize} does), refuses multi-page TIFFs and
 * animated GIFs naming their page count, reads the image, takes the planes out, applies the
 * EXIF/TIFF orientation and reads the metadata the output carries ({@link MetadataReading}).
 *
 * <p>Every failure, including runtime exceptions and assertion errors from third-party readers on
 * hostile input, becomes an {@link ImageDecodeException} naming the file. Stateless; a reader is
 * created and disposed per call.
 */
public final class ImageReading {

    private ImageReading() {}

    public static DecodedImage decode(ImageFile file, long maxPixels) throws ImageDecodeException {
        String path = file.relativePath();
        if (file.withheldReason().isPresent()) {
            throw new ImageDecodeException(path, stripPath(path, file.withheldReason().get()));
        }
        if (file.size() == 0) {
            throw new ImageDecodeException(path, "file is empty");
        }
        long start = System.nanoTime();
        try (ImageInputStream in = new MemoryCacheImageInputStream(file.openStream())) {
            ImageReader reader = readerFor(path, in);
            try {
                return read(file, reader, in, maxPixels, start);
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IIOException e) {
            throw new ImageDecodeException(path, "corrupt or truncated image: " + describe(e), e);
        } catch (IOException | RuntimeException | AssertionError e) {
            throw new ImageDecodeException(path, "cannot decode image: " + describe(e), e);
        }
    }

    private static ImageReader readerFor(String path, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(path, "not an image in a format this job reads (" + SourceFormats.SUPPORTED + ")");
        }
        return readers.next();
    }

    private static DecodedImage read(ImageFile file, ImageReader reader, ImageInputStream in, long maxPixels,
            long start) throws IOException {
        String path = file.relativePath();
        String format = SourceFormats.canonical(reader).orElseThrow(() -> new ImageDecodeException(path,
                SourceFormats.describe(reader) + " images are not supported; this job reads " + SourceFormats.SUPPORTED));
        reader.setInput(in, false, false);
        checkPixels(path, reader.getWidth(0), reader.getHeight(0), maxPixels);
        checkSinglePage(path, format, reader);
        TruncationWatch watch = TruncationWatch.on(reader);
        ImageReadParam param = reader.getDefaultReadParam();
        if (format.equals("jpeg")) {
            profiledRawType(reader).ifPresent(param::setDestinationType);
        }
        BufferedImage image = reader.read(0, param);
        watch.check(path);
        Planes planes = RasterPlanes.extract(image);
        int orientation = switch (format) {
            case "jpeg" -> Orientation.ofJpeg(file.openStream());
            case "tiff" -> Orientation.ofTiff(file.openStream());
            default -> 1;
        };
        ImageMetadata metadata = MetadataReading.read(file, format, imageMetadata(reader), planes.icc());
        return toDecoded(path, format, planes, orientation, keepMatchingProfile(metadata, planes.channels()),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Multi-page TIFFs and animated GIFs are refused with their page count: restoring the first page
     * alone and reporting the file "ok" would lose the others without a word.
     */
    static void checkSinglePage(String path, String format, ImageReader reader) throws IOException {
        if (!format.equals("tiff") && !format.equals("gif")) {
            return;
        }
        int pages = reader.getNumImages(true);
        if (pages > 1) {
            String kind = format.equals("gif") ? "frames (an animated GIF)" : "pages (a multi-page TIFF)";
            throw new ImageDecodeException(path, "has " + pages + " " + kind + "; this job restores single images"
                    + " only and never keeps one page of several: split it into one file per page to restore it");
        }
    }

    /**
     * The JPEG reader converts samples with an embedded RGB or gray profile to sRGB unless asked for
     * its raw type, which keeps them as stored, in the profile's space: that type, if so.
     */
    private static Optional<ImageTypeSpecifier> profiledRawType(ImageReader reader) {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            ColorSpace space = raw == null ? null : raw.getColorModel().getColorSpace();
            boolean profiled = space instanceof ICC_ColorSpace && !space.isCS_sRGB()
                    && space != ColorSpace.getInstance(ColorSpace.CS_GRAY)
                    && (space.getType() == ColorSpace.TYPE_RGB || space.getType() == ColorSpace.TYPE_GRAY);
            return profiled ? Optional.of(raw) : Optional.empty();
        } catch (IOException | RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private static IIOMetadata imageMetadata(ImageReader reader) {
        try {
            return reader.getImageMetadata(0);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The metadata without a profile whose colour space does not fit the decoded channels. */
    private static ImageMetadata keepMatchingProfile(ImageMetadata metadata, int channels) {
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

    static void checkPixels(String path, int width, int height, long maxPixels) throws ImageDecodeException {
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
            throw new ImageDecodeException(path, "image header declares " + width + "x" + height + " pixels");
        }
        if (pixels > maxPixels) {
            throw new ImageDecodeException(path, "image is " + width + "x" + height + " = " + Sizes.pixels(pixels)
                    + ", above --max-pixels = " + Sizes.pixels(maxPixels) + "; raise it with --max-pixels");
        }
    }

    private static DecodedImage toDecoded(String path, String format, Planes p, int orientation,
            ImageMetadata metadata, long millis) {
        boolean swap = Orientation.swapsAxes(orientation);
        int width = swap ? p.height() : p.width();
        int height = swap ? p.width() : p.height();
        float[] colour = Orientation.apply(orientation, p.colour(), p.channels(), p.width(), p.height());
        Optional<AlphaPlane> alpha = Optional.ofNullable(p.alpha()).map(a ->
                AlphaPlane.wrap(width, height, p.depth(), Orientation.apply(orientation, a, p.width(), p.height())));
        FloatImage image = FloatImage.wrap(p.channels(), height, width, p.depth(), colour);
        return new DecodedImage(path, image, alpha, format, orientation, millis, metadata);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        String detail = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        return cause != null && cause.getMessage() != null && !detail.contains(cause.getMessage())
                ? detail + " (" + cause.getMessage() + ")" : detail;
    }

    private static String stripPath(String path, String reason) {
        return reason.startsWith(path + ": ") ? reason.substring(path.length() + 2) : reason;
    }
}
