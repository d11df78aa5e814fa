package dev.imagerestore.models.sampler;

/**
 * The constants of DDIM ({@link Schedulers#ddim}).
 *
 * @param steps strides from the start timestep to the clean image (one network evaluation each)
 * @param eta stochasticity in [0, 1]: 0 is the deterministic sampler, 1 DDPM's ancestral sampler
 */
public record DdimConfig(int steps, double eta) {

    public DdimConfig {
        Steps.check(steps);
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DDIM eta must be in [0, 1] (0 = deterministic, 1 = DDPM), got " + eta);
        }
    }
}
