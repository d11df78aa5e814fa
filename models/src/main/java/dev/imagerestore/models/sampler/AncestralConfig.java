package dev.imagerestore.models.sampler;

/**
 * The constants of DDPM's ancestral sampler ({@link Schedulers#ancestral}).
 *
 * @param steps strides from the start timestep to the clean image (one network evaluation each)
 */
public record AncestralConfig(int steps) {

    public AncestralConfig {
        Steps.check(steps);
    }
}
