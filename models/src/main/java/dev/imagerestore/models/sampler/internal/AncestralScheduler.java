package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.AncestralConfig;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * DDPM ancestral sampling (Ho et al., NeurIPS 2020, eq. 6-7) over the respaced schedule, with the
 * posterior variance {@code beta~} ("sigma^2 = beta~" of the paper, section 3.2).
 */
public final class AncestralScheduler extends StrideScheduler {

    public AncestralScheduler(NoiseSchedule schedule, AncestralConfig config) {
        super(schedule, config.steps());
    }

    @Override
    protected boolean needsNoise(double abT, double abS) {
        return true;
    }

    @Override
    protected NDArray stride(NDArray xt, NDArray x0, double abT, double abS, NDArray z) {
        double alpha = abT / abS;
        double beta = 1 - alpha;
        double x0Weight = Math.sqrt(abS) * beta / (1 - abT);
        double xtWeight = Math.sqrt(alpha) * (1 - abS) / (1 - abT);
        double variance = (1 - abS) / (1 - abT) * beta;
        NDArray mean = x0.mul((float) x0Weight).addi(xt.mul((float) xtWeight));
        return mean.addi(z.mul((float) Math.sqrt(variance)));
    }

    @Override
    public String toString() {
        return "DDPM-ancestral(" + schedule + ")";
    }
}
