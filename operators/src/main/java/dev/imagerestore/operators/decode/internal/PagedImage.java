package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImagePages;
import dev.imagerestore.operators.decode.PixelLimits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

/**
 * The {@link ImagePages} of a file whose reader {@link ImageReading#open} has set up: each
 * {@link #read} checks that page's dimensions against the pixel limit before decoding it, decodes
 * it, applies that page's orientation and reads that page's metadata. The frames of an animated GIF
 * are composited as shown ({@link GifCanvas}). A failure of a page of several names the page; a
 * single image's messages are the file's alone.
 */
final class PagedImage implements ImagePages {

    private final ImageFile file;
    private final ImageInputStream in;
    private final ImageReader reader;
    private final String format;
    private final int pages;
    private final PixelLimits limits;
    private GifCanvas gif;

    PagedImage(ImageFile file, ImageInputStream in, ImageReader reader, String format, int pages, PixelLimits limits) {
        this.file = file;
        this.in = in;
        this.reader = reader;
        this.format = format;
        this.pages = pages;
        this.limits = limits;
    }

    ImageInputStream stream() {
        return in;
    }

    ImageReader reader() {
        return reader;
    }

    String format() {
        return format;
    }

    @Override
    public String relativePath() {
        return file.relativePath();
    }

    @Override
    public int count() {
        return pages;
    }

    @Override
    public DecodedImage read(int page) throws ImageDecodeException {
        if (page < 1 || page > pages) {
            throw new IllegalArgumentException(
                    "page must be in [1, " + pages + "] for " + relativePath() + ", got " + page);
        }
        try {
            return decode(page - 1);
        } catch (IOException | RuntimeException | AssertionError e) {
            ImageDecodeException failure = ImageReading.failure(relativePath(), e);
            if (pages == 1) {
                throw failure;
            }
            String detail = failure.getMessage().substring(relativePath().length() + 2);
            throw new ImageDecodeException(relativePath(), "page " + page + " of " + pages + ": " + detail, e);
        }
    }

    private DecodedImage decode(int index) throws IOException {
        String path = relativePath();
        long start = System.nanoTime();
        limits.check(path, reader.getWidth(index), reader.getHeight(index), true);
        reader.removeAllIIOReadWarningListeners();
        TruncationWatch watch = TruncationWatch.on(reader);
        BufferedImage image;
        if (format.equals("gif") && pages > 1) {
            if (gif == null) {
                gif = GifCanvas.of(reader);
            }
            limits.check(path, gif.width(), gif.height(), true);
            image = gif.frame(index);
        } else {
            ImageReadParam param = reader.getDefaultReadParam();
            if (format.equals("jpeg")) {
                ImageReading.profiledRawType(reader).ifPresent(param::setDestinationType);
            }
            image = reader.read(index, param);
        }
        watch.check(path);
        Planes planes = RasterPlanes.extract(image);
        int orientation = Orientation.of(file, format, index);
        ImageMetadata metadata = MetadataReading.read(file, format, index, imageMetadata(index), planes.icc());
        return ImageReading.toDecoded(
                path,
                format,
                planes,
                orientation,
                ImageReading.keepMatchingProfile(metadata, planes.channels()),
                (System.nanoTime() - start) / 1_000_000,
                index + 1,
                pages);
    }

    private IIOMetadata imageMetadata(int index) {
        try {
            return reader.getImageMetadata(index);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Disposes the reader and closes the in-memory stream, which holds nothing else to release. */
    @Override
    public void close() {
        reader.dispose();
        try {
            in.close();
        } catch (IOException inMemory) {
            // a MemoryCacheImageInputStream over the file's bytes has no resource whose release can fail
        }
    }
}
