package dev.imagerestore.models.schedule;

import java.util.Arrays;

/**
 * A discrete-time variance schedule of a diffusion model: the betas, alpha-bar and the noise level
 * of every timestep, with the map between a pixel noise level and a timestep.
 *
 * <p>Timesteps are indexed {@code 0..steps-1}: {@code x_t = sqrt(ab_t) x_0 + sqrt(1 - ab_t) eps}
 * with {@code ab_t = prod_{s <= t} (1 - beta_s)}. Two families are provided: the linear schedule of
 * DDPM (Ho et al. 2020: beta from 1e-4 to 0.02 over 1000 steps) and the cosine schedule of Nichol and
 * Dhariwal ("Improved DDPM", ICML 2021: {@code ab(t) = f(t)/f(0)},
 * {@code f(t) = cos^2(((t/T) + s)/(1 + s) * pi/2)}, betas clipped at 0.999).
 *
 * <p>Restoration needs fractional timesteps: a scan with noise of standard deviation sigma/255
 * (data in [0,1]) is, once mapped to [-1, 1] and scaled by sqrt(ab), exactly x_t for the t where
 * {@code sqrt((1 - ab_t)/ab_t) = 2 sigma/255}. Between integer steps, log(ab) is interpolated
 * linearly; {@code t = -1} is the clean image (ab = 1). Immutable and thread-safe.
 */
public final class NoiseSchedule {

    /** The schedule family, as recorded in a model card. */
    public enum Kind {
        LINEAR,
        COSINE
    }

    private final Kind kind;
    private final double[] betas;
    private final double[] alphaBars;
    /** {@code -log(ab_{k-1})} for {@code k = 0..steps}: increasing, searched by the sigma-to-timestep map. */
    private final double[] negatedLogAlphaBars;

    private final double parameterA;
    private final double parameterB;

    private NoiseSchedule(Kind kind, double[] betas, double parameterA, double parameterB) {
        this.kind = kind;
        this.betas = betas;
        this.parameterA = parameterA;
        this.parameterB = parameterB;
        alphaBars = new double[betas.length];
        double product = 1.0;
        for (int t = 0; t < betas.length; t++) {
            product *= 1.0 - betas[t];
            alphaBars[t] = product;
        }
        negatedLogAlphaBars = new double[betas.length + 1];
        for (int t = 0; t < betas.length; t++) {
            negatedLogAlphaBars[t + 1] = -Math.log(alphaBars[t]);
        }
    }

    /** DDPM's linear schedule: {@code beta_t = betaStart + (betaEnd - betaStart) t / (steps - 1)}. */
    public static NoiseSchedule linear(int steps, double betaStart, double betaEnd) {
        checkSteps(steps);
        if (!(betaStart > 0 && betaStart < betaEnd && betaEnd < 1)) {
            throw new IllegalArgumentException(
                    "need 0 < betaStart < betaEnd < 1, got betaStart=" + betaStart + ", betaEnd=" + betaEnd);
        }
        double[] betas = new double[steps];
        for (int t = 0; t < steps; t++) {
            betas[t] = betaStart + (betaEnd - betaStart) * t / (steps - 1);
        }
        return new NoiseSchedule(Kind.LINEAR, betas, betaStart, betaEnd);
    }

    /** DDPM's default: linear, 1000 steps, beta from 1e-4 to 0.02. */
    public static NoiseSchedule ddpmLinear() {
        return linear(1000, 1e-4, 0.02);
    }

    /** The cosine schedule of Improved DDPM with offset {@code s} (0.008 in the paper). */
    public static NoiseSchedule cosine(int steps, double s) {
        checkSteps(steps);
        if (!(s >= 0 && s < 1)) {
            throw new IllegalArgumentException("cosine offset s must be in [0, 1), got " + s);
        }
        double[] betas = new double[steps];
        double f0 = cosineF(0, steps, s);
        double previous = 1.0;
        for (int t = 0; t < steps; t++) {
            double ab = cosineF(t + 1, steps, s) / f0;
            betas[t] = Math.min(1.0 - ab / previous, 0.999);
            previous = ab;
        }
        return new NoiseSchedule(Kind.COSINE, betas, s, 0);
    }

    /** Rebuilds a schedule from the fields a model card records. */
    public static NoiseSchedule of(Kind kind, int steps, double parameterA, double parameterB) {
        if (kind == null) {
            throw new IllegalArgumentException(
                    "schedule kind is missing; expected one of " + Arrays.toString(Kind.values()));
        }
        return kind == Kind.LINEAR ? linear(steps, parameterA, parameterB) : cosine(steps, parameterA);
    }

    private static double cosineF(double t, int steps, double s) {
        double c = Math.cos((t / steps + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    private static void checkSteps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("a schedule needs at least 2 steps, got " + steps);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** betaStart for linear schedules, the offset s for cosine ones. */
    public double parameterA() {
        return parameterA;
    }

    /** betaEnd for linear schedules, 0 for cosine ones. */
    public double parameterB() {
        return parameterB;
    }

    public int steps() {
        return betas.length;
    }

    public double beta(int t) {
        return betas[checkIndex(t)];
    }

    public double alphaBar(int t) {
        return t == -1 ? 1.0 : alphaBars[checkIndex(t)];
    }

    /** alpha-bar at a fractional timestep in [-1, steps - 1], log-linear between integer steps. */
    public double alphaBar(double t) {
        if (!(t >= -1 && t <= steps() - 1)) {
            throw new IllegalArgumentException("timestep " + t + " is outside [-1, " + (steps() - 1) + "]");
        }
        int lower = (int) Math.floor(t);
        if (lower == t) {
            return alphaBar(lower);
        }
        double fraction = t - lower;
        return Math.exp((1 - fraction) * Math.log(alphaBar(lower)) + fraction * Math.log(alphaBar(lower + 1)));
    }

    /** Noise-to-signal ratio {@code sqrt((1 - ab)/ab)} at a (fractional) timestep, for data in [-1, 1]. */
    public double sigma(double t) {
        double ab = alphaBar(t);
        return Math.sqrt((1 - ab) / ab);
    }

    /**
     * The fractional timestep whose noise-to-signal ratio is {@code sigma} (data in [-1, 1]).
     *
     * @throws IllegalArgumentException if sigma is negative or above the schedule's last step
     */
    public double timestepForSigma(double sigma) {
        double max = sigma(steps() - 1);
        if (!(sigma >= 0 && sigma <= max)) {
            throw new IllegalArgumentException(String.format(
                    "noise level %s (data in [-1,1]) is outside this schedule's range [0, %.1f] of %s; "
                            + "use a schedule with more or larger steps for stronger noise",
                    sigma, max, this));
        }
        double target = Math.log1p(sigma * sigma);
        double[] values = negatedLogAlphaBars;
        int index = Arrays.binarySearch(values, target);
        if (index >= 0) {
            return index - 1;
        }
        int upper = -index - 1;
        if (upper == values.length) {
            // log1p((1 - ab)/ab) can exceed -log(ab) by an ulp at the last step's own sigma
            return steps() - 1;
        }
        int lower = upper - 1;
        return (lower - 1) + (target - values[lower]) / (values[upper] - values[lower]);
    }

    /**
     * The timestep matching additive noise of standard deviation {@code pixelSigma}/255 on [0,1] data.
     *
     * @throws IllegalArgumentException if pixelSigma is negative or above {@code 255/2} times the
     *     schedule's largest noise-to-signal ratio
     */
    public double timestepForPixelSigma(double pixelSigma) {
        double maxPixelSigma = sigma(steps() - 1) * 255.0 / 2.0;
        if (!(pixelSigma >= 0 && pixelSigma <= maxPixelSigma)) {
            throw new IllegalArgumentException(String.format(
                    "pixel noise sigma %s (of 255) is outside [0, %.1f], the range of %s; "
                            + "use a schedule with more or larger steps for stronger noise",
                    pixelSigma, maxPixelSigma, this));
        }
        // the range check and the conversion round differently at the maximum: clamp to it
        return timestepForSigma(Math.min(2.0 * pixelSigma / 255.0, sigma(steps() - 1)));
    }

    private int checkIndex(int t) {
        if (t < 0 || t >= betas.length) {
            throw new IndexOutOfBoundsException("timestep " + t + " is outside [0, " + (betas.length - 1) + "]");
        }
        return t;
    }

    @Override
    public String toString() {
        return kind == Kind.LINEAR
                ? "linear(" + steps() + ", " + parameterA + ", " + parameterB + ")"
                : "cosine(" + steps() + ", s=" + parameterA + ")";
    }
}
