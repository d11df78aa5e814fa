package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.DdimConfig;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * DDIM (Song et al., ICLR 2021, eq. 12) over the respaced schedule, with the noise direction
 * re-derived from the clamped estimate: {@code eps = (x_t - sqrt(ab_t) x0)/sqrt(1 - ab_t)}.
 */
public final class DdimScheduler extends StrideScheduler {

    private final double eta;

    public DdimScheduler(NoiseSchedule schedule, DdimConfig config) {
        super(schedule, config.steps());
        this.eta = config.eta();
    }

    /** {@code sigma_t} of the stride {@code t -> s}. */
    static double sigma(double eta, double abT, double abS) {
        return eta * Math.sqrt((1 - abS) / (1 - abT) * (1 - abT / abS));
    }

    @Override
    protected boolean needsNoise(double abT, double abS) {
        return sigma(eta, abT, abS) > 0;
    }

    @Override
    protected NDArray stride(NDArray xt, NDArray x0, double abT, double abS, NDArray z) {
        double sigma = sigma(eta, abT, abS);
        NDArray eps = xt.sub(x0.mul((float) Math.sqrt(abT))).divi((float) Math.sqrt(1 - abT));
        double direction = Math.sqrt(Math.max(0, 1 - abS - sigma * sigma));
        NDArray next = x0.mul((float) Math.sqrt(abS)).addi(eps.muli((float) direction));
        return z == null ? next : next.addi(z.mul((float) sigma));
    }

    @Override
    public String toString() {
        return "DDIM(eta=" + eta + ", " + schedule + ")";
    }
}
