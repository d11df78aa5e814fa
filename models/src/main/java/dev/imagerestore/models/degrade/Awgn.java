package dev.imagerestore.models.degrade;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.util.SplittableRandom;

/**
 * Additive white Gaussian noise as the denoising benchmarks add it: standard deviation
 * {@code sigma}/255 on [0, 1] data, drawn independently for every sample of every channel, added in
 * floating point and NOT clipped (so the noise is exactly Gaussian). The draws come from
 * {@link SplittableRandom} seeded with {@code seed}, so a seed gives the same noise on every machine.
 * Stateless and thread-safe.
 */
public final class Awgn {

    private Awgn() {}

    /** {@code clean} plus noise of standard deviation {@code pixelSigma}/255; same channels and bit depth. */
    public static FloatImage add(FloatImage clean, double pixelSigma, long seed) {
        if (!(pixelSigma >= 0) || Double.isInfinite(pixelSigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + pixelSigma);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = clean.toArray();
        double scale = pixelSigma / 255.0;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (samples[i] + scale * random.nextGaussian());
        }
        return FloatImage.wrap(clean.channels(), clean.height(), clean.width(), clean.bitDepth(), samples);
    }

    /** The image as an 8-bit file would store it: clamped to [0, 1] and rounded to 1/255 steps. */
    public static FloatImage quantize8Bit(FloatImage image) {
        float[] samples = image.toArray();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = ImageFiles.quantize(samples[i], 255) / 255f;
        }
        return FloatImage.wrap(image.channels(), image.height(), image.width(), 8, samples);
    }
}
