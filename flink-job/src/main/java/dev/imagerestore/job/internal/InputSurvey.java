package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Counts the images under an input folder and their megapixels from the file headers (no pixel is
 * decoded), for the progress line of local runs. Files the headers cannot be read from count as
 * images of unknown size; only regular files are opened, links are not followed and folders that
 * cannot be listed are passed over (the run's report names them).
 */
public record InputSurvey(int images, double megapixels) {

    public static InputSurvey of(Path input, Path output) throws IOException {
        Path outputRoot = output.toAbsolutePath().normalize();
        List<Path> images = new ArrayList<>();
        Files.walkFileTree(input, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.toAbsolutePath().normalize().startsWith(outputRoot) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && !name.startsWith(".") && isImageName(name)) {
                    images.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        double megapixels = 0;
        for (Path image : images) {
            megapixels += headerMegapixels(image);
        }
        return new InputSurvey(images.size(), megapixels);
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
