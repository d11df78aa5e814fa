package dev.imagerestore.models.train;

import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.SplittableRandom;

/**
 * Draws training timesteps: with probability {@code restorationShare} the timestep of a pixel noise
 * level drawn uniformly from {@code [minPixelSigma, maxPixelSigma]} (the levels denoising of scans
 * uses), otherwise a fractional timestep uniform over the whole schedule (which sampling, inpainting
 * and translation need). Immutable.
 */
public record TimestepSampler(
        NoiseSchedule schedule, double restorationShare, double minPixelSigma, double maxPixelSigma) {

    public TimestepSampler {
        if (!(restorationShare >= 0 && restorationShare <= 1)) {
            throw new IllegalArgumentException("restorationShare must be in [0, 1], got " + restorationShare);
        }
        if (!(minPixelSigma > 0 && minPixelSigma < maxPixelSigma)) {
            throw new IllegalArgumentException(
                    "need 0 < minPixelSigma < maxPixelSigma, got " + minPixelSigma + ", " + maxPixelSigma);
        }
    }

    public float sample(SplittableRandom random) {
        if (random.nextDouble() < restorationShare) {
            double sigma = minPixelSigma + random.nextDouble() * (maxPixelSigma - minPixelSigma);
            return (float) schedule.timestepForPixelSigma(sigma);
        }
        return (float) (random.nextDouble() * (schedule.steps() - 1));
    }
}
