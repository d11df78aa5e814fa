package dev.imagerestore.it.process;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small noisy inputs the test draws itself (no third-party images): smooth gradients with seeded
 * Gaussian grain, as 8- and 16-bit PNG and TIFF, grey and colour, at odd sizes, in nested folders.
 */
final class GeneratedImages {

    private static final double GRAIN = 20 / 255.0;

    private GeneratedImages() {}

    /** Writes the inputs under {@code root} and returns their relative paths, sorted. */
    static List<String> write(Path root, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> written = new ArrayList<>();
        written.add(write(root, "a.png", 3, 40, 48, 8, random));
        written.add(write(root, "scans/b.tif", 1, 29, 37, 8, random));
        written.add(write(root, "scans/deep/c.png", 3, 24, 40, 16, random));
        written.add(write(root, "scans/deep/d.tif", 3, 50, 30, 8, random));
        return written.stream().sorted().toList();
    }

    private static String write(
            Path root, String relative, int channels, int height, int width, int bitDepth, SplittableRandom random)
            throws IOException {
        float[] samples = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double clean = 0.2 + 0.6 * (x + (c + 1) * y) / (width + channels * height);
                    samples[(c * height + y) * width + x] = (float) (clean + GRAIN * random.nextGaussian());
                }
            }
        }
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        ImageFiles.write(FloatImage.wrap(channels, height, width, bitDepth, samples), file);
        return relative;
    }
}
