package dev.imagerestore.models.sampler;

/**
 * The constants of Heun's method on the probability-flow ODE ({@link Schedulers#heun}).
 *
 * @param steps strides from the start timestep to the clean image; each costs two network
 *     evaluations but the last (an Euler step to the clean image), so a run costs {@code 2 steps - 1}
 */
public record HeunConfig(int steps) {

    public HeunConfig {
        Steps.check(steps);
    }
}
