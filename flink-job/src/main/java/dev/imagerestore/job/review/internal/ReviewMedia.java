package dev.imagerestore.job.review.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.decode.ImageBands;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImagePages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The pictures of one restored image on the review page, written into the page's media folder
 * under a name of the caller's choosing (never the input's name, so any file name is safe): a JPEG
 * thumbnail of the output, and PNG crops at 100 % of the input and the output over the window that
 * changed most, with the damage mask of that window as a red overlay when there is a mask. Inputs and
 * outputs are decoded with the job's own {@link ImageDecoder} (EXIF orientation applied, 8 or 16
 * bits), so the comparison is the one the job made.
 */
public final class ReviewMedia {

    /** Longest side of a thumbnail, in pixels. */
    public static final int THUMBNAIL_SIDE = 160;
    /** Side of the 100 % crops, in pixels (smaller images are shown whole). */
    public static final int CROP_SIDE = 320;

    /** Outputs with more pixels are measured band by band, never decoded whole (by default). */
    public static final long BANDED_ABOVE_PIXELS = 16_000_000L;

    private static final int BAND_ROWS = 256;

    private final ImageDecoder decoder;
    private final Path mediaDirectory;
    private final long bandedAbove;

    public ReviewMedia(Path mediaDirectory, long maxPixels) {
        this(mediaDirectory, maxPixels, BANDED_ABOVE_PIXELS);
    }

    /** Pictures of outputs above {@code bandedAbove} pixels are made band by band. */
    public ReviewMedia(Path mediaDirectory, long maxPixels, long bandedAbove) {
        this.decoder = ImageDecoder.builder().optMaxPixels(maxPixels).build();
        this.mediaDirectory = mediaDirectory;
        this.bandedAbove = bandedAbove;
    }

    /**
     * Decodes both files, measures the change and writes the pictures named {@code key}-thumb.jpg,
     * {@code key}-before.png, {@code key}-after.png and, with a mask, {@code key}-mask.png.
     *
     * @param inputFile the input on disk; {@code inputPath} and {@code outputPath} are its report paths
     * @param inputPage the page of a multi-page input the output is of, from 1; 0 for a file of one image
     * @param mask a mask image (white = repaired), any size (resized nearest-neighbour), if there is one
     */
    public Pictures write(
            String key,
            Path inputFile,
            String inputPath,
            int inputPage,
            Path outputFile,
            String outputPath,
            Optional<Path> mask)
            throws IOException {
        Optional<Pictures> banded = writeBanded(key, inputFile, inputPath, inputPage, outputFile, outputPath, mask);
        if (banded.isPresent()) {
            return banded.get();
        }
        FloatImage before = decode(inputFile, inputPath, inputPage);
        FloatImage after = decode(outputFile, outputPath, 0);
        boolean sameSize = before.width() == after.width() && before.height() == after.height();
        ChangeMap change = sameSize ? ChangeMap.of(before, after, CROP_SIDE) : null;
        int w = sameSize ? change.width() : Math.min(CROP_SIDE, Math.min(before.width(), after.width()));
        int h = sameSize ? change.height() : Math.min(CROP_SIDE, Math.min(before.height(), after.height()));
        int x = sameSize ? change.x() : (after.width() - w) / 2;
        int y = sameSize ? change.y() : (after.height() - h) / 2;
        return pictures(
                key,
                Raster8.thumbnail(after, THUMBNAIL_SIDE),
                Raster8.window(
                        before,
                        sameSize ? x : (before.width() - w) / 2,
                        sameSize ? y : (before.height() - h) / 2,
                        w,
                        h),
                Raster8.window(after, x, y, w, h),
                mask.isEmpty() ? null : MaskOverlay.window(mask.get(), after.width(), after.height(), x, y, w, h),
                sameSize ? change.rmsLevels() : Double.NaN,
                new int[] {x, y, w, h});
    }

    /** Writes the pictures under their names and describes them; {@code window} is x, y, width, height. */
    private Pictures pictures(
            String key,
            BufferedImage thumbnail,
            BufferedImage before,
            BufferedImage after,
            BufferedImage mask,
            double rmsChange,
            int[] window)
            throws IOException {
        Files.createDirectories(mediaDirectory);
        String thumb = key + "-thumb.jpg";
        writeJpeg(thumbnail, mediaDirectory.resolve(thumb));
        String beforeName = key + "-before.png";
        String afterName = key + "-after.png";
        writePng(before, mediaDirectory.resolve(beforeName));
        writePng(after, mediaDirectory.resolve(afterName));
        String maskName = null;
        if (mask != null) {
            maskName = key + "-mask.png";
            writePng(mask, mediaDirectory.resolve(maskName));
        }
        return new Pictures(
                rmsChange, thumb, beforeName, afterName, maskName, window[0], window[1], window[2], window[3]);
    }

    /**
     * The pictures of an output above the banded limit, made from bands of rows of
     * both files ({@link ImageBands}) so that neither is decoded whole: the same thumbnail, change and
     * crops as from the whole images. Empty for smaller images and for pages read whole by the job
     * (turned by their orientation, or composited).
     */
    private Optional<Pictures> writeBanded(
            String key,
            Path inputFile,
            String inputPath,
            int inputPage,
            Path outputFile,
            String outputPath,
            Optional<Path> mask)
            throws IOException {
        try (ImageBands in = ImageBands.open(located(inputFile, inputPath));
                ImageBands out = ImageBands.open(located(outputFile, outputPath))) {
            int page = Math.max(1, inputPage);
            if (page > in.pages()) {
                return Optional.empty();
            }
            ImageBands.Page before = in.page(page);
            ImageBands.Page after = out.page(1);
            int width = after.width();
            int height = after.height();
            if ((long) width * height <= bandedAbove
                    || !before.bandable()
                    || !after.bandable()
                    || before.width() != width
                    || before.height() != height) {
                return Optional.empty();
            }
            Raster8.Thumbnail thumbnail = new Raster8.Thumbnail(width, height, THUMBNAIL_SIDE);
            ChangeMap.Blocks blocks = new ChangeMap.Blocks(width, height);
            for (int top = 0; top < height; top += BAND_ROWS) {
                int bottom = Math.min(height, top + BAND_ROWS);
                FloatImage afterRows = out.read(1, top, bottom).colour();
                thumbnail.add(afterRows, top);
                blocks.add(in.read(page, top, bottom).colour(), afterRows, top);
            }
            ChangeMap change = blocks.result(CROP_SIDE);
            int x = change.x();
            int y = change.y();
            int w = change.width();
            int h = change.height();
            return Optional.of(pictures(
                    key,
                    thumbnail.image(),
                    Raster8.window(in.read(page, y, y + h).colour(), x, 0, w, h),
                    Raster8.window(out.read(1, y, y + h).colour(), x, 0, w, h),
                    mask.isEmpty() ? null : MaskOverlay.window(mask.get(), width, height, x, y, w, h),
                    change.rmsLevels(),
                    new int[] {x, y, w, h}));
        } catch (ImageDecodeException unreadable) {
            return Optional.empty();
        }
    }

    private static ImageFile located(Path file, String reportPath) throws IOException {
        return ImageFile.located(
                reportPath, Files.size(file), Files.getLastModifiedTime(file).toMillis(), file.toAbsolutePath());
    }

    /** {@code file} decoded as the job decodes it; {@code page} from 1 for a page of a multi-page file, else 0. */
    FloatImage decodeFile(Path file, String reportPath, int page) throws IOException {
        return decode(file, reportPath, page);
    }

    private FloatImage decode(Path file, String reportPath, int page) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ImageFile image =
                ImageFile.of(reportPath, Files.getLastModifiedTime(file).toMillis(), bytes);
        if (page == 0) {
            return decoder.decode(image).colour();
        }
        try (ImagePages pages = decoder.open(image)) {
            if (page > pages.count()) {
                throw new IOException(reportPath + " has " + pages.count() + " pages now, no page " + page);
            }
            return pages.read(page).colour();
        }
    }

    private static void writePng(BufferedImage image, Path target) throws IOException {
        if (!ImageIO.write(image, "png", target.toFile())) {
            throw new IOException("no PNG writer for " + target);
        }
    }

    private static void writeJpeg(BufferedImage image, Path target) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer for " + target);
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(target))) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * What was written for one image: the measured change (NaN when input and output differ in
     * size) and the file names, relative to the media folder, of the thumbnail and the crops of the
     * window ({@code x}, {@code y}, {@code width}, {@code height}) of the output.
     */
    public record Pictures(
            double rmsChange,
            String thumbnail,
            String before,
            String after,
            String mask,
            int x,
            int y,
            int width,
            int height) {}
}
