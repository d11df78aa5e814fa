package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one reverse loop (the role of a diffusers pipeline's denoising loop): per network evaluation it
 * calls the network at the {@link Scheduler}'s timestep, draws noise when the scheduler asks for it,
 * takes the scheduler's {@link Scheduler#step}, and hands the result to an optional {@link StepHook}.
 * Every sampler of this library is this loop around a scheduler; variations that need more than a
 * hook (RePaint's resampling walk) write their own loop around {@link Scheduler#step}.
 *
 * <p>Noise: evaluation {@code k} (counted over the whole run) draws its noise as step {@code k} of
 * the {@link NoiseSource}, for items {@code 0..B-1} at origin (0, 0).
 *
 * <p>Memory: each evaluation's temporaries live in a sub-manager of {@code xt}'s manager, closed at the
 * end of the evaluation; the sample and the state's arrays are carried on {@code xt}'s manager, and
 * the result is attached to it; {@code xt} is left untouched. Immutable and thread-safe; the predictor
 * is used from the calling thread only.
 */
public final class SamplingLoop implements Sampler {

    private final Scheduler scheduler;
    private final StepHook hook;

    private SamplingLoop(Scheduler scheduler, StepHook hook) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.hook = hook;
    }

    /** The plain loop around {@code scheduler}. */
    public static SamplingLoop of(Scheduler scheduler) {
        return new SamplingLoop(scheduler, null);
    }

    /** The loop around {@code scheduler} that passes every step's sample through {@code hook}. */
    public static SamplingLoop withHook(Scheduler scheduler, StepHook hook) {
        return new SamplingLoop(scheduler, Objects.requireNonNull(hook, "hook"));
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public double[] timesteps(double startT) {
        return scheduler.timesteps(startT);
    }

    @Override
    public NDArray sample(
            NoisePredictor predictor,
            NDArray xt,
            double startT,
            NDArray conditions,
            NDArray labels,
            NoiseSource noise) {
        Objects.requireNonNull(predictor, "predictor");
        Shape shape = checkShapes(xt, conditions);
        double[] visited = timesteps(startT);
        if (visited.length == 1) {
            return xt.clip(-1, 1);
        }
        int batch = Math.toIntExact(shape.get(0));
        long[] items = new long[batch];
        Arrays.setAll(items, b -> b);
        int[] origin = new int[batch];
        NDManager outer = xt.getManager();
        NDArray x = xt.duplicate();
        SchedulerState state = scheduler.start(visited);
        while (!state.finished()) {
            try (NDManager scope = outer.newSubManager()) {
                x.attach(scope);
                state.arrays().forEach(a -> a.attach(scope));
                NDArray eps = NoisePrediction.of(predictor, x, state.timestep(), conditions, labels, scope);
                NDArray z = null;
                if (scheduler.needsNoise(state)) {
                    Objects.requireNonNull(noise, "this sampler is stochastic: a NoiseSource is required");
                    z = noise.normal(scope, state.evaluation(), shape, items, origin, origin);
                    if (!z.getShape().equals(shape)) {
                        throw new IllegalStateException("noise has shape " + z.getShape() + ", expected " + shape);
                    }
                }
                Step step = scheduler.step(eps, state, x, z);
                state = step.next();
                NDArray next = hook == null
                        ? step.sample()
                        : hook.afterStep(step.sample(), state.timestep(), state.evaluation(), scope);
                next.attach(outer);
                state.arrays().forEach(a -> a.attach(outer));
                x = next;
            }
        }
        return x;
    }

    private static Shape checkShapes(NDArray xt, NDArray conditions) {
        Shape shape = xt.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("x_t must be (B, C, H, W), got " + shape);
        }
        if (conditions != null) {
            Shape c = conditions.getShape();
            if (c.dimension() != 4
                    || c.get(0) != shape.get(0)
                    || c.get(2) != shape.get(2)
                    || c.get(3) != shape.get(3)) {
                throw new IllegalArgumentException("conditions " + c + " must be (B, Cc, H, W) matching x_t " + shape);
            }
        }
        return shape;
    }

    @Override
    public String toString() {
        return scheduler + (hook == null ? "" : " with a step hook");
    }
}
