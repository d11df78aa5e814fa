package dev.imagerestore.models.testing;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Training folders of small synthetic images for the trainer and command tests. */
public final class SyntheticImages {

    private SyntheticImages() {}

    /** Smooth synthetic images: gradients and discs, colour and grayscale, made with a fixed seed. */
    public static Path write(Path folder, int count, long seed) throws IOException {
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
