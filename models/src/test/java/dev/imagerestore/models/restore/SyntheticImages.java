package dev.imagerestore.models.restore;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic synthetic test images in [0, 1]. */
public final class SyntheticImages {

    private SyntheticImages() {}

    /** Independent uniform samples in [0, 1]. */
    public static FloatImage random(int channels, int height, int width, int bitDepth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = new float[channels * height * width];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextDouble();
        }
        return FloatImage.wrap(channels, height, width, bitDepth, samples);
    }

    /** Slowly varying sinusoids in [0.2, 0.8]: nearly constant over a few pixels. */
    public static FloatImage smooth(int channels, int height, int width) {
        float[] samples = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 0.5 + 0.15 * Math.sin(0.07 * x + 0.9 * c) + 0.15 * Math.cos(0.05 * y - 0.4 * c);
                    samples[(c * height + y) * width + x] = (float) v;
                }
            }
        }
        return FloatImage.wrap(channels, height, width, 8, samples);
    }

    /**
     * A photograph-like test card: smooth shading, hard-edged rectangles, a fine stripe pattern and
     * a checkerboard, quantised to 8-bit levels like a decoded file.
     */
    public static FloatImage textured(int channels, int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = new float[channels * height * width];
        int[][] boxes = new int[12][];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = new int[] {
                random.nextInt(height),
                random.nextInt(width),
                5 + random.nextInt(height / 3),
                5 + random.nextInt(width / 3),
                random.nextInt(-60, 61)
            };
        }
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 110 + 50 * Math.sin(0.031 * x + c) * Math.cos(0.023 * y);
                    for (int[] b : boxes) {
                        if (y >= b[0] && y < b[0] + b[2] && x >= b[1] && x < b[1] + b[3]) {
                            v += b[4] * (1 + 0.2 * c);
                        }
                    }
                    if (x > width / 2 && y < height / 3) {
                        v += 30 * Math.sin(0.9 * x + 0.4 * y);
                    }
                    if (x < width / 3 && y > 2 * height / 3) {
                        v += ((x / 4 + y / 4) % 2 == 0) ? 25 : -25;
                    }
                    samples[(c * height + y) * width + x] = (float) (Math.max(0, Math.min(255, Math.round(v))) / 255.0);
                }
            }
        }
        return FloatImage.wrap(channels, height, width, 8, samples);
    }

    /**
     * A training folder of {@code count} smooth 24x24 images, {@code img0.png} onwards: gradients and
     * discs, colour and (every third) grayscale, made with a fixed seed.
     */
    public static Path trainingFolder(Path folder, int count, long seed) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < count; n++) {
            int size = 24;
            int channels = n % 3 == 2 ? 1 : 3;
            float[] samples = new float[channels * size * size];
            double cx = random.nextDouble() * size;
            double cy = random.nextDouble() * size;
            for (int c = 0; c < channels; c++) {
                double base = random.nextDouble();
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        boolean disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < 40;
                        samples[(c * size + y) * size + x] = (float) (disc ? 1 - base : base * (x + y) / (2.0 * size));
                    }
                }
            }
            ImageFiles.write(FloatImage.wrap(channels, size, size, 8, samples), folder.resolve("img" + n + ".png"));
        }
        return folder;
    }
}
