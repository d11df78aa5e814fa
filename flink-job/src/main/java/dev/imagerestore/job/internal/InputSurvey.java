package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Counts the images under an input folder and their megapixels from the file headers (no pixel is
 * decoded), for the progress line of local runs. Files the headers cannot be read from count as
 * images of unknown size.
 */
public record InputSurvey(int images, double megapixels) {

    public static InputSurvey of(Path input, Path output) throws IOException {
        int images = 0;
        double megapixels = 0;
        Path outputRoot = output.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(input)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || file.toAbsolutePath().normalize().startsWith(outputRoot) || !isImageName(name)) {
                    continue;
                }
                images++;
                megapixels += headerMegapixels(file);
            }
        }
        return new InputSurvey(images, megapixels);
    }

    private static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Stream.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".pnm", ".pgm", ".ppm", ".pbm")
                .anyMatch(lower::endsWith) && !lower.contains(".mask.") && !lower.contains(".depth.");
    }

    private static double headerMegapixels(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (double) reader.getWidth(0) * reader.getHeight(0) / 1e6;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
