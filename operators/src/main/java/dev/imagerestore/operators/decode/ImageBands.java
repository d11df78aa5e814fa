package dev.imagerestore.operators.decode;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.internal.PagedBands;
import java.util.Optional;

/**
 * An image file read band by band, never whole: each {@link #read} decodes only the rows asked for,
 * with exactly the samples the whole-image decoder gives for them. For images too large to hold
 * whole ({@linkplain ImageFile#located located} files, large outputs on the review page). Not
 * thread-safe; close it to release the reader and the file.
 */
public interface ImageBands extends AutoCloseable {

    /**
     * What the header and the first row of a page tell.
     *
     * @param page the page, from 1
     * @param pages the file's page count
     * @param channels colour channels, 1 or 3
     * @param bitDepth 8 or 16
     * @param alpha whether the page has alpha
     * @param orientation its EXIF/TIFF orientation
     * @param bandable whether its bands are rows of the image the job sees: false for a page to be
     *     turned by its orientation and for a frame of an animated GIF, which are decoded whole
     */
    record Page(
            int page,
            int pages,
            int width,
            int height,
            int channels,
            int bitDepth,
            boolean alpha,
            int orientation,
            boolean bandable) {}

    /** Rows of a page: colour samples at the page's bit depth, and its alpha rows if it has alpha. */
    record Band(FloatImage colour, Optional<AlphaPlane> alpha) {}

    /** Opens {@code file}; the failure names the file and the reason. */
    static ImageBands open(ImageFile file) throws ImageDecodeException {
        return open(file, Long.MAX_VALUE);
    }

    /**
     * Opens {@code file}, whose pages above {@code maxPixels} fail {@link #page} as the whole-image
     * decoder fails them (above {@code --max-pixels}, before any pixel is read).
     */
    static ImageBands open(ImageFile file, long maxPixels) throws ImageDecodeException {
        return PagedBands.open(file, maxPixels);
    }

    /** The canonical name of the file's format: png, jpeg, tiff, bmp, pnm or gif. */
    String format();

    int pages();

    /** Page {@code page} (from 1): its header, and what its first row tells about its samples. */
    Page page(int page) throws ImageDecodeException;

    /** Rows {@code [fromRow, toRow)} of page {@code page} (from 1). */
    Band read(int page, int fromRow, int toRow) throws ImageDecodeException;

    /** The metadata of page {@code page} (from 1) as the whole-image decoder reads it, for {@code channels}; after {@link #page}. */
    ImageMetadata metadata(int page, int channels);

    @Override
    void close();
}
