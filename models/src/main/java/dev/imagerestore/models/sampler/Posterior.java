package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;

/**
 * The clean-image estimate of a noisy state: Tweedie's formula for Gaussian noise, which for the
 * eps-parameterised network of DDPM (Ho et al. 2020, eq. 15) is the posterior mean
 * {@code E[x0 | x_t] = (x_t - sqrt(1 - ab) eps) / sqrt(ab)}.
 */
public final class Posterior {

    private Posterior() {}

    /**
     * Tweedie / posterior-mean estimate x0 = (x_t - sqrt(1-ab) eps) / sqrt(ab), attached to the manager
     * of {@code xt}; not clamped.
     *
     * @throws IllegalArgumentException if alphaBar is not in (0, 1]
     */
    public static NDArray x0(NDArray xt, NDArray eps, double alphaBar) {
        if (!(alphaBar > 0 && alphaBar <= 1)) {
            throw new IllegalArgumentException("alphaBar must be in (0, 1], got " + alphaBar);
        }
        if (!xt.getShape().equals(eps.getShape())) {
            throw new IllegalArgumentException(
                    "x_t " + xt.getShape() + " and eps " + eps.getShape() + " must have the same shape");
        }
        try (NDArray scaledNoise = eps.mul((float) Math.sqrt(1 - alphaBar))) {
            return xt.sub(scaledNoise).divi((float) Math.sqrt(alphaBar));
        }
    }

    /**
     * The estimate {@link #x0} clamped to the data range [-1, 1], as DDPM's "clip_denoised": the
     * clean image every {@link Scheduler} steps from.
     */
    public static NDArray clampedX0(NDArray xt, NDArray eps, double alphaBar) {
        return x0(xt, eps, alphaBar).clip(-1, 1);
    }
}
