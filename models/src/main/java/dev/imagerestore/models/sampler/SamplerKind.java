package dev.imagerestore.models.sampler;

import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The reverse processes a restoration can run from the noise level of its input, by the name the
 * command line gives them ({@code --sampler}). {@link #scheduler} makes the {@link Scheduler} with the
 * defaults of its config record.
 */
public enum SamplerKind {
    /** DDIM (Song et al., ICLR 2021); deterministic at eta = 0. */
    DDIM("ddim"),
    /** DDPM's ancestral sampler (Ho et al., NeurIPS 2020); also accepted as "ancestral". */
    ANCESTRAL("ddpm"),
    /** The reverse VP-SDE by Euler-Maruyama (Song et al., ICLR 2021). */
    EULER_MARUYAMA("euler-maruyama"),
    /** Heun's method on the probability-flow ODE (Karras et al., NeurIPS 2022). */
    HEUN("heun"),
    /** Reverse-diffusion predictor with one Langevin corrector step (Song et al., ICLR 2021). */
    PREDICTOR_CORRECTOR("pc"),
    /** DPM-Solver++(2M) (Lu et al., 2022). */
    DPM_SOLVER("dpm-solver++");

    private final String cliName;

    SamplerKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /**
     * The kind named {@code name} (case-insensitive; "ancestral" is DDPM).
     *
     * @throws IllegalArgumentException naming the choices if there is none
     */
    public static SamplerKind parse(String name) {
        for (SamplerKind kind : values()) {
            if (kind.cliName.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--sampler must be one of " + names() + ", got '" + name + "'");
    }

    /**
     * Whether this kind follows the probability-flow ODE: it adds no fresh noise (DDIM at eta = 0,
     * Heun, DPM-Solver++), so with more steps it converges to one image, the ODE's solution, and its
     * error at a budget can be measured against that solution.
     */
    public boolean followsTheOde() {
        return this == DDIM || this == HEUN || this == DPM_SOLVER;
    }

    /** The command-line names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(SamplerKind::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The scheduler of this kind taking {@code steps} strides; {@code eta} is used by DDIM only.
     *
     * @throws IllegalArgumentException if steps is below 1 or eta outside [0, 1] for DDIM
     */
    public Scheduler scheduler(NoiseSchedule schedule, int steps, double eta) {
        return switch (this) {
            case DDIM -> Schedulers.ddim(schedule, new DdimConfig(steps, eta));
            case ANCESTRAL -> Schedulers.ancestral(schedule, new AncestralConfig(steps));
            case EULER_MARUYAMA -> Schedulers.eulerMaruyama(schedule, new EulerMaruyamaConfig(steps));
            case HEUN -> Schedulers.heun(schedule, new HeunConfig(steps));
            case PREDICTOR_CORRECTOR -> Schedulers.predictorCorrector(schedule, PredictorCorrectorConfig.of(steps));
            case DPM_SOLVER -> Schedulers.dpmSolver(schedule, new DpmSolverConfig(steps));
        };
    }

    /**
     * The most steps of this kind whose run from {@code startT} costs at most {@code evaluations}
     * network evaluations ({@link Scheduler#evaluations}); at least 1, which may cost more when the
     * budget is below one run's minimum.
     *
     * @throws IllegalArgumentException if evaluations is below 1
     */
    public int stepsWithin(NoiseSchedule schedule, double startT, int evaluations) {
        if (evaluations < 1) {
            throw new IllegalArgumentException("a budget of network evaluations must be >= 1, got " + evaluations);
        }
        int best = 1;
        for (int steps = 2; steps <= Math.min(evaluations, schedule.steps()); steps++) {
            Scheduler scheduler = scheduler(schedule, steps, 0);
            if (scheduler.evaluations(scheduler.timesteps(startT)) <= evaluations) {
                best = steps;
            }
        }
        return best;
    }
}
