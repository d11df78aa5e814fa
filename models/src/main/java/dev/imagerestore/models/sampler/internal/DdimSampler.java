package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * DDIM (Song et al., ICLR 2021, eq. 12) over the respaced schedule, with the noise direction
 * re-derived from the clamped estimate: {@code eps = (x_t - sqrt(ab_t) x0)/sqrt(1 - ab_t)}.
 */
public final class DdimSampler extends ReverseSampler {

    private final double eta;

    public DdimSampler(NoiseSchedule schedule, int steps, double eta) {
        super(schedule, steps);
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DDIM eta must be in [0, 1] (0 = deterministic, 1 = DDPM), got " + eta);
        }
        this.eta = eta;
    }

    /** {@code sigma_t} of the stride {@code t -> s}. */
    static double sigma(double eta, double abT, double abS) {
        return eta * Math.sqrt((1 - abS) / (1 - abT) * (1 - abT / abS));
    }

    @Override
    public boolean needsNoise(double abT, double abS) {
        return sigma(eta, abT, abS) > 0;
    }

    @Override
    protected NDArray step(NDArray xt, NDArray x0, double abT, double abS, NDArray z) {
        double sigma = sigma(eta, abT, abS);
        NDArray eps = xt.sub(x0.mul((float) Math.sqrt(abT))).divi((float) Math.sqrt(1 - abT));
        double direction = Math.sqrt(Math.max(0, 1 - abS - sigma * sigma));
        NDArray next = x0.mul((float) Math.sqrt(abS)).addi(eps.muli((float) direction));
        return z == null ? next : next.addi(z.mul((float) sigma));
    }

    /**
     * One stride {@code t -> s} of eq. 12 for callers that drive their own loop (RePaint's
     * resampling walk): x_t, the clamped estimate x0 and standard normal noise {@code z}, or null
     * when {@link #needsNoise} says no.
     */
    public NDArray stride(NDArray xt, NDArray x0, double abT, double abS, NDArray z) {
        return step(xt, x0, abT, abS, z);
    }

    @Override
    public String toString() {
        return "DDIM(eta=" + eta + ", " + schedule + ")";
    }
}
