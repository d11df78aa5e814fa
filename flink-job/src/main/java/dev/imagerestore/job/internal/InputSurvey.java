package dev.imagerestore.job.internal;

import dev.imagerestore.operators.source.ImageSourceBuilder;
import dev.imagerestore.operators.source.InputListing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The inputs of a bounded run, counted before it starts by the source's own listing
 * ({@link ImageSourceBuilder#list}), and the megapixels of its images from the file headers (no
 * pixel is decoded). The run writes one report line per entry the listing holds, images and
 * skipped entries alike, so {@link #entries()} is the total its progress counts towards. Files
 * whose header cannot be read count as images of unknown size; images above the decoder's pixel
 * limit count as images (they get a report line) but not towards the megapixels, since they will
 * not be restored.
 *
 * @param images files the source will read
 * @param skipped entries the source will report as skipped without reading them
 * @param megapixels width x height of the images within the pixel limit, in millions
 * @param oversized images whose header declares more pixels than the limit
 */
public record InputSurvey(int images, int skipped, double megapixels, int oversized) {

    /** Surveys what {@code source} lists now. */
    public static InputSurvey of(ImageSourceBuilder source, long maxPixels) throws IOException {
        InputListing listing = source.list();
        int oversized = 0;
        long pixels = 0;
        for (Path file : listing.files()) {
            long declared = headerPixels(file);
            if (declared > maxPixels) {
                oversized++;
            } else {
                pixels += declared;
            }
        }
        return new InputSurvey(listing.files().size(), listing.skipped(), pixels / 1e6, oversized);
    }

    /** The report lines the run will write: one per image and one per skipped entry. */
    public int entries() {
        return images + skipped;
    }

    /** Width x height as the header declares them, 0 when unknown. */
    static long headerPixels(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                return width > 0 && height > 0 ? width * height : 0;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The start line's description: {@code 3 images (1.25 MP)}, with the entries to be skipped and
     * the images above {@code limit} (set by {@code option}) counted.
     */
    public String describe(String option, long limit) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d images (%.2f MP)", images, megapixels));
        if (skipped > 0) {
            text.append(String.format(
                    Locale.ROOT,
                    "; %d other %s will be reported as skipped",
                    skipped,
                    skipped == 1 ? "entry" : "entries"));
        }
        if (oversized > 0) {
            text.append(String.format(
                    Locale.ROOT, "; %d above %s %d will be reported as failed", oversized, option, limit));
        }
        return text.toString();
    }
}
