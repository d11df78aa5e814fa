package dev.imagerestore.models.sampler;

/**
 * The constants of predictor-corrector sampling ({@link Schedulers#predictorCorrector}).
 *
 * @param steps strides from the start timestep to the clean image
 * @param correctorSteps Langevin corrector steps after each predictor step but the last ("M" of Song
 *     et al., Algorithm 5), each one network evaluation; a run costs {@code (steps - 1)(1 + M) + 1}
 * @param snr the signal-to-noise ratio {@code r} that sets the Langevin step size
 *     {@code 2 alpha (r ||z|| / ||score||)^2}
 */
public record PredictorCorrectorConfig(int steps, int correctorSteps, double snr) {

    /** One corrector step per stride, as in Song et al.'s PC samplers ("PC1000" with M = 1). */
    public static final int DEFAULT_CORRECTOR_STEPS = 1;

    /** The signal-to-noise ratio of Song et al.'s released sampling configurations. */
    public static final double DEFAULT_SNR = 0.16;

    /** The most corrector steps per stride. */
    public static final int MAX_CORRECTOR_STEPS = 16;

    public PredictorCorrectorConfig {
        Steps.check(steps);
        if (correctorSteps < 0 || correctorSteps > MAX_CORRECTOR_STEPS) {
            throw new IllegalArgumentException(
                    "corrector steps must be in [0, " + MAX_CORRECTOR_STEPS + "], got " + correctorSteps);
        }
        if (!(snr > 0 && snr <= 1)) {
            throw new IllegalArgumentException("Langevin signal-to-noise ratio must be in (0, 1], got " + snr);
        }
    }

    /** {@code steps} strides with the default corrector. */
    public static PredictorCorrectorConfig of(int steps) {
        return new PredictorCorrectorConfig(steps, DEFAULT_CORRECTOR_STEPS, DEFAULT_SNR);
    }
}
