package dev.imagerestore.models.sampler;

/**
 * The constants of the reverse VP-SDE solved by Euler-Maruyama ({@link Schedulers#eulerMaruyama}).
 *
 * @param steps strides from the start timestep to the clean image (one network evaluation each)
 */
public record EulerMaruyamaConfig(int steps) {

    public EulerMaruyamaConfig {
        Steps.check(steps);
    }
}
