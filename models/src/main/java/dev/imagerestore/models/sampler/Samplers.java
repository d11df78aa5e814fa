package dev.imagerestore.models.sampler;

import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * Factories of the reverse samplers: the {@link SamplingLoop} around a {@link Scheduler}.
 *
 * <p>Both visit the same timesteps ({@link Sampler#timesteps}): from a fractional {@code startT}
 * the remaining range {@code startT + 1} is cut into {@code steps} equal strides ending at the clean
 * image ("trailing" spacing, which keeps the last network evaluation close to t = 0; Lin et al.,
 * "Common Diffusion Noise Schedules and Sample Steps are Flawed", WACV 2024). Interior points are
 * rounded to the nearest integer timestep and repeats dropped, so a small {@code startT} takes fewer
 * steps than asked for. Each stride {@code t -> s} is one step of the respaced process with
 * {@code alpha = ab_t / ab_s} (Nichol and Dhariwal, "Improved DDPM", 2021, section 4).
 */
public final class Samplers {

    private Samplers() {}

    /**
     * DDIM (Song, Meng and Ermon, "Denoising Diffusion Implicit Models", ICLR 2021, eq. 12):
     * {@code x_s = sqrt(ab_s) x0 + sqrt(1 - ab_s - sigma^2) eps + sigma z} with
     * {@code sigma = eta sqrt((1 - ab_s)/(1 - ab_t)) sqrt(1 - ab_t/ab_s)}. {@code eta = 0} is the
     * deterministic sampler (no noise drawn), {@code eta = 1} is DDPM's ancestral sampler.
     */
    public static Sampler ddim(NoiseSchedule s, int steps, double eta) {
        return SamplingLoop.of(Schedulers.ddim(s, new DdimConfig(steps, eta)));
    }

    /**
     * DDPM ancestral sampling (Ho, Jain and Abbeel, "Denoising Diffusion Probabilistic Models",
     * NeurIPS 2020, eq. 6-7): {@code x_s} drawn from the posterior {@code q(x_s | x_t, x0)} with mean
     * {@code sqrt(ab_s) beta/(1 - ab_t) x0 + sqrt(alpha) (1 - ab_s)/(1 - ab_t) x_t} and variance
     * {@code beta~ = (1 - ab_s)/(1 - ab_t) beta}, where {@code alpha = ab_t/ab_s}, {@code beta = 1 - alpha}.
     */
    public static Sampler ancestral(NoiseSchedule s, int steps) {
        return SamplingLoop.of(Schedulers.ancestral(s, new AncestralConfig(steps)));
    }
}
