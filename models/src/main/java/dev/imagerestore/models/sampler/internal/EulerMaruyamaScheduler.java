package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.EulerMaruyamaConfig;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * The reverse-time VP-SDE {@code dx = [-beta/2 x - beta score] dt + sqrt(beta) dw} (Song et al.,
 * "Score-Based Generative Modeling through Stochastic Differential Equations", ICLR 2021, eq. 6 and
 * 11) solved by Euler-Maruyama. Over a stride {@code t -> s} the integrated rate is
 * {@code B = ln(ab_s / ab_t)}, and with {@code score = -eps / sqrt(1 - ab_t)} the step is
 * {@code x_s = (1 + B/2) x_t + B score + sqrt(B) z}. First order, so it needs many strides where the
 * noise level changes fast.
 */
public final class EulerMaruyamaScheduler extends StrideScheduler {

    public EulerMaruyamaScheduler(NoiseSchedule schedule, EulerMaruyamaConfig config) {
        super(schedule, config.steps());
    }

    @Override
    protected boolean needsNoise(double abT, double abS) {
        return true;
    }

    @Override
    protected NDArray stride(NDArray xt, NDArray x0, double abT, double abS, NDArray z) {
        double rate = Math.log(abS / abT);
        NDArray eps = noiseOf(xt, x0, abT);
        NDArray drift = xt.mul((float) (1 + rate / 2)).subi(eps.muli((float) (rate / Math.sqrt(1 - abT))));
        return drift.addi(z.mul((float) Math.sqrt(rate)));
    }

    @Override
    public String toString() {
        return "VP-SDE Euler-Maruyama(" + schedule + ")";
    }
}
