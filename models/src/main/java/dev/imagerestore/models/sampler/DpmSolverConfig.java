package dev.imagerestore.models.sampler;

/**
 * The constants of DPM-Solver++(2M) ({@link Schedulers#dpmSolver}).
 *
 * @param steps strides from the start timestep to the clean image (one network evaluation each); the
 *     first is first order (no earlier estimate yet) and the last returns the clean estimate
 */
public record DpmSolverConfig(int steps) {

    public DpmSolverConfig {
        Steps.check(steps);
    }
}
