package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.ImageBands;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImagePages;
import dev.imagerestore.operators.decode.PixelLimits;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

/**
 * {@link ImageBands} over ImageIO: reads an image file band by band, never whole: each {@link #read} decodes only the rows asked for
 * ({@link ImageReadParam#setSourceRegion}), so a TIFF reads just the strips or tiles that hold them,
 * and a PNG or a JPEG decodes up to the band's last row and keeps only the band. A band's samples
 * are exactly the rows the whole-image decoder gives ({@link RasterPlanes} on the band). The file is
 * read where it lies (a {@linkplain ImageFile#located located} file through a seekable file stream).
 *
 * <p>Pages with an EXIF/TIFF orientation other than 1 and animated GIFs are not read by band here
 * ({@link ImageBands.Page#bandable()} is false): their pixels must be turned or composited whole.
 *
 * <p>Not thread-safe; close it to release the reader and the file.
 */
public final class PagedBands implements ImageBands {

    private final ImageFile file;
    private final ImageInputStream in;
    private final ImageReader reader;
    private final String format;
    private final int pages;
    private final byte[][] icc;
    private final ImageReader[] bandReaders;
    private final PixelLimits limits;
    private ImageInputStream jdkTiffStream;
    private ImageReader jdkTiffReader;
    private PngRows pngRows;

    private PagedBands(
            ImageFile file, ImageInputStream in, ImageReader reader, String format, int pages, PixelLimits limits) {
        this.file = file;
        this.in = in;
        this.reader = reader;
        this.format = format;
        this.pages = pages;
        this.icc = new byte[pages][];
        this.bandReaders = new ImageReader[pages];
        this.limits = limits;
    }

    /** Opens {@code file}'s reader; the failure names the file and the reason. */
    public static PagedBands open(ImageFile file, long maxPixels) throws ImageDecodeException {
        PixelLimits limits = PixelLimits.of(maxPixels);
        ImagePages opened = ImageReading.open(file, limits);
        if (!(opened instanceof PagedImage paged)) {
            opened.close();
            throw new IllegalStateException("unexpected pages of " + file.relativePath() + ": " + opened);
        }
        return new PagedBands(file, paged.stream(), paged.reader(), paged.format(), paged.count(), limits);
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public Page page(int page) throws ImageDecodeException {
        int index = page - 1;
        try {
            int width = reader.getWidth(index);
            int height = reader.getHeight(index);
            limits.check(file.relativePath(), width, height, false);
            Planes first = planes(reader, index, 0, 1, width);
            icc[index] = first.icc();
            bandReaders[index] = bandReader(index, first, width);
            if (format.equals("png") && pngRows == null) {
                pngRows = pngRows(first).orElse(null);
            }
            int orientation = Orientation.of(file, format, index);
            boolean animated = format.equals("gif") && pages > 1;
            return new Page(
                    page,
                    pages,
                    width,
                    height,
                    first.channels(),
                    first.depth(),
                    first.alpha() != null,
                    orientation,
                    orientation == 1 && !animated);
        } catch (IOException | RuntimeException | AssertionError e) {
            throw failure(page, e);
        }
    }

    @Override
    public Band read(int page, int fromRow, int toRow) throws ImageDecodeException {
        int index = page - 1;
        try {
            int width = reader.getWidth(index);
            if (fromRow < 0 || toRow > reader.getHeight(index) || fromRow >= toRow) {
                throw new IllegalArgumentException("rows [" + fromRow + ", " + toRow + ") are not rows of page " + page
                        + " (" + reader.getHeight(index) + " rows)");
            }
            if (bandReaders[index] == null) {
                page(page);
            }
            Planes p = pngRows != null
                    ? RasterPlanes.extract(pngRows.read(fromRow, toRow))
                    : planes(bandReaders[index], index, fromRow, toRow, width);
            FloatImage colour = FloatImage.wrap(p.channels(), p.height(), p.width(), p.depth(), p.colour());
            Optional<AlphaPlane> alpha = Optional.ofNullable(p.alpha())
                    .map(levels -> AlphaPlane.wrap(p.width(), p.height(), p.depth(), levels));
            return new Band(colour, alpha);
        } catch (IOException | RuntimeException | AssertionError e) {
            throw failure(page, e);
        }
    }

    @Override
    public ImageMetadata metadata(int page, int channels) {
        int index = page - 1;
        IIOMetadata imageMetadata;
        try {
            imageMetadata = reader.getImageMetadata(index);
        } catch (IOException | RuntimeException unreadable) {
            imageMetadata = null;
        }
        return ImageReading.keepMatchingProfile(
                MetadataReading.read(file, format, index, imageMetadata, icc[index]), channels);
    }

    /**
     * The reader that reads page {@code index}'s bands: for a TIFF, the JDK's own TIFF reader when it
     * gives the first row exactly as the file's reader does, since it decodes only the strips or
     * tiles of a band, where TwelveMonkeys' decodes a compressed TIFF's strips from the first one on
     * for every band (a band at row r costs r rows: reading a 100 Mpx LZW TIFF by bands took minutes);
     * otherwise the file's reader.
     */
    private ImageReader bandReader(int index, Planes first, int width) throws IOException {
        if (!format.equals("tiff") || reader.getClass().getName().startsWith(ImageWriting.JDK_TIFF_PACKAGE)) {
            return reader;
        }
        if (jdkTiffReader == null) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            while (readers.hasNext() && jdkTiffReader == null) {
                ImageReader candidate = readers.next();
                if (candidate.getClass().getName().startsWith(ImageWriting.JDK_TIFF_PACKAGE)) {
                    jdkTiffReader = candidate;
                }
            }
            if (jdkTiffReader == null) {
                return reader;
            }
            jdkTiffStream = file.openImageStream();
            jdkTiffReader.setInput(jdkTiffStream, false, true);
        }
        try {
            Planes other = planes(jdkTiffReader, index, 0, 1, width);
            return sameSamples(other, first) ? jdkTiffReader : reader;
        } catch (IOException | RuntimeException unreadable) {
            return reader;
        }
    }

    /**
     * The row reader of a located PNG ({@link PngRows}), when it takes the file and gives its first
     * row exactly as ImageIO's reader does; otherwise bands are read by the reader, from the first
     * row each time.
     */
    private Optional<PngRows> pngRows(Planes first) {
        if (file.location().isEmpty()) {
            return Optional.empty();
        }
        PngRows rows = null;
        try {
            Optional<PngRows> opened =
                    PngRows.open(file.location().get(), reader.getImageTypes(0).next());
            if (opened.isEmpty()) {
                return opened;
            }
            rows = opened.get();
            Planes other = RasterPlanes.extract(rows.read(0, 1));
            if (sameSamples(other, first)) {
                return opened;
            }
        } catch (IOException | RuntimeException unreadable) {
            // the reader reads it, as it did before this path existed
        }
        closeQuietly(rows);
        return Optional.empty();
    }

    /** Whether two readings of the same rows gave the same samples. */
    private static boolean sameSamples(Planes a, Planes b) {
        return a.channels() == b.channels()
                && a.depth() == b.depth()
                && java.util.Arrays.equals(a.colour(), b.colour())
                && java.util.Arrays.equals(a.alpha(), b.alpha());
    }

    private static void closeQuietly(PngRows rows) {
        if (rows != null) {
            try {
                rows.close();
            } catch (IOException ignored) {
                // closing a read-only file stream cannot lose data
            }
        }
    }

    private Planes planes(ImageReader reader, int index, int fromRow, int toRow, int width) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        if (format.equals("jpeg")) {
            ImageReading.profiledRawType(reader).ifPresent(param::setDestinationType);
        }
        param.setSourceRegion(new Rectangle(0, fromRow, width, toRow - fromRow));
        reader.removeAllIIOReadWarningListeners();
        TruncationWatch watch = TruncationWatch.on(reader);
        BufferedImage band = reader.read(index, param);
        watch.check(file.relativePath());
        return RasterPlanes.extract(band);
    }

    private ImageDecodeException failure(int page, Throwable e) {
        ImageDecodeException failure = ImageReading.failure(file.relativePath(), e);
        if (pages == 1) {
            return failure;
        }
        String detail = failure.getMessage().substring(file.relativePath().length() + 2);
        return new ImageDecodeException(file.relativePath(), "page " + page + " of " + pages + ": " + detail, e);
    }

    @Override
    public void close() {
        closeQuietly(pngRows);
        if (jdkTiffReader != null) {
            jdkTiffReader.dispose();
            try {
                jdkTiffStream.close();
            } catch (IOException ignored) {
                // closing a read-only file stream cannot lose data
            }
        }
        reader.dispose();
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a read-only file stream cannot lose data
        }
    }
}
