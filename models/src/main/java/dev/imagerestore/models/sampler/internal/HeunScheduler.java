package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.HeunConfig;
import dev.imagerestore.models.sampler.SchedulerState;
import dev.imagerestore.models.sampler.Step;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.List;

/**
 * Heun's second-order method on the probability-flow ODE of the VP diffusion (Karras, Aittala, Aila
 * and Laine, "Elucidating the Design Space of Diffusion-Based Generative Models", NeurIPS 2022,
 * Algorithm 1). In the coordinates {@code y = x / sqrt(ab)} and {@code sigma = sqrt((1 - ab)/ab)}
 * (their eq. 4 with {@code s(t) = sqrt(ab)}) the VP ODE reads {@code dy/dsigma = eps(x, t)}, so over a
 * stride {@code t -> s}: an Euler stage {@code y' = y_t + (sigma_s - sigma_t) eps_1} (which is
 * deterministic DDIM), a second evaluation at {@code (x', s)}, and the trapezoidal step
 * {@code y_s = y_t + (sigma_s - sigma_t)(eps_1 + eps_2)/2}. The stride to the clean image is the
 * Euler stage alone (sigma = 0; their "if sigma_{i+1} != 0"), i.e. the clamped estimate.
 *
 * <p>State: between the stages it carries {@code x_t} and {@code eps_1}. Deterministic; no noise.
 */
public final class HeunScheduler extends GridScheduler {

    public HeunScheduler(NoiseSchedule schedule, HeunConfig config) {
        super(schedule, config.steps());
    }

    @Override
    public boolean needsNoise(SchedulerState state) {
        own(state);
        return false;
    }

    @Override
    public Step step(NDArray eps, SchedulerState state, NDArray x, NDArray z) {
        GridState g = own(state);
        double abT = alphaBar(g.from());
        double abS = alphaBar(g.to());
        if (g.stage() == 0) {
            NDArray x0 = clean(x, eps, abT);
            if (g.to() == -1) {
                return new Step(x0, g.nextStride(List.of(), Double.NaN));
            }
            NDArray slope = noiseOf(x, x0, abT);
            return new Step(trapezoid(x, slope, abT, abS), g.nextStage(List.of(x, slope)));
        }
        NDArray xt = g.carried(0);
        NDArray first = g.carried(1);
        NDArray second = noiseOf(x, clean(x, eps, abS), abS);
        NDArray mean = first.add(second).muli(0.5f);
        return new Step(trapezoid(xt, mean, abT, abS), g.nextStride(List.of(), Double.NaN));
    }

    /** {@code sqrt(ab_s) (x_t / sqrt(ab_t) + (sigma_s - sigma_t) slope)}. */
    private static NDArray trapezoid(NDArray xt, NDArray slope, double abT, double abS) {
        double sigmaT = Math.sqrt((1 - abT) / abT);
        double sigmaS = Math.sqrt((1 - abS) / abS);
        return xt.mul((float) (1 / Math.sqrt(abT)))
                .addi(slope.mul((float) (sigmaS - sigmaT)))
                .muli((float) Math.sqrt(abS));
    }

    @Override
    public int evaluations(double from, double to) {
        return to == -1 ? 1 : 2;
    }

    @Override
    public String toString() {
        return "probability-flow ODE Heun(" + schedule + ")";
    }
}
