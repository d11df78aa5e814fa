package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.nio.FloatBuffer;

/**
 * Peak signal-to-noise ratio as denoising benchmarks report it: both images clamped to [0, 1] and
 * rounded to 8-bit levels, peak 255, the mean squared error taken over every sample of every channel
 * (for colour, one MSE over R, G and B together, as in the CBSD68 tables of DnCNN, FFDNet and DRUNet).
 * Stateless and thread-safe.
 */
public final class Psnr {

    private Psnr() {}

    /** PSNR in dB of {@code test} against {@code reference}; infinite for identical 8-bit images. */
    public static double of8Bit(FloatImage reference, FloatImage test) {
        double mse = mse8Bit(reference, test);
        return 10.0 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Mean squared error in 8-bit levels squared. */
    public static double mse8Bit(FloatImage reference, FloatImage test) {
        checkSameShape(reference, test);
        FloatBuffer a = reference.samples();
        FloatBuffer b = test.samples();
        double sum = 0;
        int n = a.remaining();
        for (int i = 0; i < n; i++) {
            double d = ImageFiles.quantize(a.get(i), 255) - ImageFiles.quantize(b.get(i), 255);
            sum += d * d;
        }
        return sum / n;
    }

    static void checkSameShape(FloatImage reference, FloatImage test) {
        if (reference.channels() != test.channels()
                || reference.height() != test.height()
                || reference.width() != test.width()) {
            throw new IllegalArgumentException(
                    "cannot compare " + test + " with reference " + reference + ": channels and size must match");
        }
    }
}
