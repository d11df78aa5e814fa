package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.sampler.internal.TimestepGrid;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Objects;

/**
 * DDIM inversion: the deterministic DDIM sampler (eta 0) run backwards, from a clean image up to a
 * noisy state {@code x_t} that DDIM decodes back to (nearly) the same image (Song et al., "Denoising
 * Diffusion Implicit Models", ICLR 2021, section 4.3; Dhariwal and Nichol 2021, appendix F). Encoding
 * an image this way under its source label and decoding it under another label is the translation of
 * Su et al., "Dual Diffusion Implicit Bridges for Image-to-Image Translation", ICLR 2023: unlike
 * SDEdit's fresh noise, the encoded state keeps the image's own structure.
 *
 * <p>It visits the timesteps of {@link Samplers#ddim} from {@code endT} ({@link Sampler#timesteps}) in
 * reverse: from {@code s} up to {@code t} it evaluates the network at {@code (x_s, t)} and steps
 * {@code x_t = sqrt(ab_t) x0 + sqrt(1 - ab_t) eps} with {@code x0 = (x_s - sqrt(1 - ab_s) eps) /
 * sqrt(ab_s)} (not clamped, so the step is exactly invertible for a given {@code eps}). For a
 * predictor whose noise does not depend on its input, DDIM decodes the result back to the input
 * exactly; for a network the round trip is as good as its prediction is smooth over one stride.
 *
 * <p>Immutable and thread-safe; the predictor is used from the calling thread only.
 */
public final class DdimInversion {

    private final NoiseSchedule schedule;
    private final int steps;
    private final int refinements;

    private DdimInversion(NoiseSchedule schedule, int steps, int refinements) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (steps < 1) {
            throw new IllegalArgumentException("DDIM inversion needs at least 1 step, got " + steps);
        }
        if (refinements < 0 || refinements > 10) {
            throw new IllegalArgumentException("inversion refinements per step must be in [0, 10], got " + refinements);
        }
        this.steps = steps;
        this.refinements = refinements;
    }

    /**
     * The inversion matching {@code Samplers.ddim(schedule, steps, 0)}: it visits the same timesteps.
     *
     * @param refinements fixed-point refinements per step (0 = plain inversion): each re-evaluates the
     *     network at the new {@code x_t} and redoes the stride with that noise, so the step comes closer
     *     to the exact inverse of the DDIM step, which evaluates the network at {@code x_t} (Pan et al.,
     *     "Effective Real Image Editing with Accelerated Iterative Diffusion Inversion", ICCV 2023).
     *     Each costs one more network pass per step.
     */
    public static DdimInversion of(NoiseSchedule schedule, int steps, int refinements) {
        return new DdimInversion(schedule, steps, refinements);
    }

    /**
     * Encodes {@code x0} (B,C,H,W in [-1, 1]) to the noisy state at fractional timestep {@code endT}.
     * {@code conditions} (B,Cc,H,W, may be null) are concatenated to the network input at every step;
     * {@code labels} may be null. The result is attached to {@code x0}'s manager; {@code x0} is left
     * untouched.
     *
     * @throws IllegalArgumentException if endT is outside [-1, steps - 1] of the schedule
     */
    public NDArray invert(NoisePredictor predictor, NDArray x0, double endT, NDArray conditions, NDArray labels) {
        Objects.requireNonNull(predictor, "predictor");
        double[] visited = TimestepGrid.of(schedule, endT, steps);
        NDManager outer = x0.getManager();
        NDArray x = x0;
        for (int i = visited.length - 2; i >= 0; i--) {
            double s = visited[i + 1];
            double t = visited[i];
            try (NDManager scope = outer.newSubManager()) {
                if (x == x0) {
                    x.tempAttach(scope);
                } else {
                    x.attach(scope);
                }
                double abS = schedule.alphaBar(s);
                double abT = schedule.alphaBar(t);
                NDArray next = stride(x, NoisePrediction.of(predictor, x, t, conditions, labels, scope), abS, abT);
                for (int k = 0; k < refinements; k++) {
                    next = stride(x, NoisePrediction.of(predictor, next, t, conditions, labels, scope), abS, abT);
                }
                next.attach(outer);
                x = next;
            }
        }
        return x == x0 ? x0.duplicate() : x;
    }

    /** The DDIM stride from {@code x_s} up to {@code t} with noise {@code eps}. */
    private static NDArray stride(NDArray xs, NDArray eps, double abS, double abT) {
        NDArray clean = Posterior.x0(xs, eps, abS);
        return clean.muli((float) Math.sqrt(abT)).addi(eps.mul((float) Math.sqrt(1 - abT)));
    }

    /** The timesteps visited, last to first: those of the matching DDIM sampler from {@code endT}. */
    public double[] timesteps(double endT) {
        return TimestepGrid.of(schedule, endT, steps);
    }

    @Override
    public String toString() {
        return "DDIM inversion(" + steps + " steps, " + refinements + " refinements, " + schedule + ")";
    }
}
