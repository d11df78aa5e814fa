package dev.imagerestore.models.sampler;

import dev.imagerestore.models.sampler.internal.AncestralScheduler;
import dev.imagerestore.models.sampler.internal.DdimScheduler;
import dev.imagerestore.models.sampler.internal.DpmSolverScheduler;
import dev.imagerestore.models.sampler.internal.EulerMaruyamaScheduler;
import dev.imagerestore.models.sampler.internal.HeunScheduler;
import dev.imagerestore.models.sampler.internal.PredictorCorrectorScheduler;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * Factories of the {@link Scheduler}s. All visit the same trailing grid from a fractional start
 * ({@link Samplers}); they differ in what one stride does and in how many network evaluations it
 * costs ({@link Scheduler#evaluations}).
 */
public final class Schedulers {

    private Schedulers() {}

    /**
     * DDIM (Song, Meng and Ermon, "Denoising Diffusion Implicit Models", ICLR 2021, eq. 12):
     * {@code x_s = sqrt(ab_s) x0 + sqrt(1 - ab_s - sigma^2) eps + sigma z} with
     * {@code sigma = eta sqrt((1 - ab_s)/(1 - ab_t)) sqrt(1 - ab_t/ab_s)}.
     */
    public static Scheduler ddim(NoiseSchedule schedule, DdimConfig config) {
        return new DdimScheduler(schedule, config);
    }

    /**
     * DDPM ancestral sampling (Ho, Jain and Abbeel, "Denoising Diffusion Probabilistic Models",
     * NeurIPS 2020, eq. 6-7): {@code x_s} drawn from the posterior {@code q(x_s | x_t, x0)}.
     */
    public static Scheduler ancestral(NoiseSchedule schedule, AncestralConfig config) {
        return new AncestralScheduler(schedule, config);
    }

    /**
     * The reverse VP-SDE by Euler-Maruyama (Song et al., "Score-Based Generative Modeling through
     * Stochastic Differential Equations", ICLR 2021).
     */
    public static Scheduler eulerMaruyama(NoiseSchedule schedule, EulerMaruyamaConfig config) {
        return new EulerMaruyamaScheduler(schedule, config);
    }

    /**
     * Heun's method on the probability-flow ODE (Karras et al., "Elucidating the Design Space of
     * Diffusion-Based Generative Models", NeurIPS 2022, Algorithm 1).
     */
    public static Scheduler heun(NoiseSchedule schedule, HeunConfig config) {
        return new HeunScheduler(schedule, config);
    }

    /**
     * Reverse-diffusion predictor and Langevin corrector (Song et al., ICLR 2021, Algorithm 5).
     */
    public static Scheduler predictorCorrector(NoiseSchedule schedule, PredictorCorrectorConfig config) {
        return new PredictorCorrectorScheduler(schedule, config);
    }

    /**
     * DPM-Solver++(2M) (Lu et al., "DPM-Solver++: Fast Solver for Guided Sampling of Diffusion
     * Probabilistic Models", 2022).
     */
    public static Scheduler dpmSolver(NoiseSchedule schedule, DpmSolverConfig config) {
        return new DpmSolverScheduler(schedule, config);
    }
}
