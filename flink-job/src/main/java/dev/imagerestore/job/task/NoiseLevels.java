package dev.imagerestore.job.task;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.NoiseEstimator;
import dev.imagerestore.operators.tiles.NoiseProbe;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The noise level of each image for the tasks that denoise: the one given, or estimated per image
 * by {@link NoiseEstimator}, made on first use in the subtask that estimates; for an image that flows
 * as tiles, on the sample of windows it is given ({@link NoiseProbe}). Serializable; not
 * thread-safe (one task thread).
 */
final class NoiseLevels implements NoiseProbe {

    private static final long serialVersionUID = 1L;

    private final double fixed;
    private transient NoiseEstimator estimator;

    /** @param sigma the level of every image on the 0-255 scale, or empty to estimate it */
    NoiseLevels(OptionalDouble sigma) {
        if (sigma.isPresent() && !(sigma.getAsDouble() > 0 && sigma.getAsDouble() <= 150)) {
            throw new IllegalArgumentException(
                    "--sigma must be in (0, 150] on the 0-255 scale or 'auto', got " + sigma.getAsDouble());
        }
        this.fixed = sigma.orElse(Double.NaN);
    }

    double of(FloatImage image) {
        if (!Double.isNaN(fixed)) {
            return fixed;
        }
        if (estimator == null) {
            estimator = NoiseEstimator.create();
        }
        return estimator.estimate(image);
    }

    /** The given level, or the one estimated on the sample of an image that flows as tiles. */
    @Override
    public double noiseLevel(Supplier<FloatImage> sample) {
        return Double.isNaN(fixed) ? of(sample.get()) : fixed;
    }

    /** The given level, or empty when it is estimated. */
    OptionalDouble fixed() {
        return Double.isNaN(fixed) ? OptionalDouble.empty() : OptionalDouble.of(fixed);
    }
}
