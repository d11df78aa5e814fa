package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.sampler.NoiseSource;
import dev.imagerestore.models.sampler.Posterior;
import dev.imagerestore.models.sampler.Sampler;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reverse loop shared by the samplers: per visited timestep, one network call, the clamped
 * Tweedie estimate, and the sampler's {@link #step}. The last step (to t = -1) returns the clamped
 * estimate itself. Each step's temporaries live in a sub-manager of {@code xt}'s manager closed at
 * the end of the step. Immutable.
 */
public abstract class ReverseSampler implements Sampler {

    protected final NoiseSchedule schedule;
    private final int steps;

    protected ReverseSampler(NoiseSchedule schedule, int steps) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.steps = TimestepGrid.checkSteps(steps);
    }

    /**
     * One stride {@code t -> s} (with {@code ab_s < 1}) given x_t, the clamped estimate {@code x0}
     * and {@code z}, standard normal noise or null when {@link #needsNoise} said no. Arrays made
     * here may stay on the step's manager: it is closed after the result is taken.
     */
    protected abstract NDArray step(NDArray xt, NDArray x0, double abT, double abS, NDArray z);

    /** Whether {@link #step} from {@code ab_t} to {@code ab_s < 1} needs noise. */
    public abstract boolean needsNoise(double abT, double abS);

    @Override
    public final double[] timesteps(double startT) {
        return TimestepGrid.of(schedule, startT, steps);
    }

    @Override
    public final NDArray sample(NoisePredictor predictor, NDArray xt, double startT, NDArray conditions,
            NDArray labels, NoiseSource noise) {
        Objects.requireNonNull(predictor, "predictor");
        Shape shape = checkShapes(xt, conditions);
        double[] visited = timesteps(startT);
        int batch = Math.toIntExact(shape.get(0));
        long[] items = new long[batch];
        Arrays.setAll(items, b -> b);
        int[] origin = new int[batch];
        NDManager outer = xt.getManager();
        NDArray x = xt;
        for (int i = 0; i + 1 < visited.length; i++) {
            try (NDManager scope = outer.newSubManager()) {
                if (x == xt) {
                    x.tempAttach(scope);
                } else {
                    x.attach(scope);
                }
                double abT = schedule.alphaBar(visited[i]);
                double abS = schedule.alphaBar(visited[i + 1]);
                NDArray x0 = estimate(predictor, x, visited[i], abT, conditions, labels, scope);
                NDArray next;
                if (visited[i + 1] == -1) {
                    next = x0;
                } else {
                    NDArray z = null;
                    if (needsNoise(abT, abS)) {
                        Objects.requireNonNull(noise, "this sampler is stochastic: a NoiseSource is required");
                        z = noise.normal(scope, i, shape, items, origin, origin);
                        checkSame("noise", z.getShape(), shape);
                    }
                    next = step(x, x0, abT, abS, z);
                }
                next.attach(outer);
                x = next;
            }
        }
        return x == xt ? xt.clip(-1, 1) : x;
    }

    private static NDArray estimate(NoisePredictor predictor, NDArray x, double t, double abT, NDArray conditions,
            NDArray labels, NDManager scope) {
        NDArray eps = NoisePrediction.of(predictor, x, t, conditions, labels, scope);
        return Posterior.x0(x, eps, abT).clip(-1, 1);
    }

    private static Shape checkShapes(NDArray xt, NDArray conditions) {
        Shape shape = xt.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("x_t must be (B, C, H, W), got " + shape);
        }
        if (conditions != null) {
            Shape c = conditions.getShape();
            if (c.dimension() != 4 || c.get(0) != shape.get(0) || c.get(2) != shape.get(2) || c.get(3) != shape.get(3)) {
                throw new IllegalArgumentException("conditions " + c + " must be (B, Cc, H, W) matching x_t " + shape);
            }
        }
        return shape;
    }

    private static void checkSame(String what, Shape actual, Shape expected) {
        if (!actual.equals(expected)) {
            throw new IllegalStateException(what + " has shape " + actual + ", expected " + expected);
        }
    }
}
