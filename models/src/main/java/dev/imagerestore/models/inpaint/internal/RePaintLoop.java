package dev.imagerestore.models.inpaint.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.inpaint.ResamplingSchedule;
import dev.imagerestore.models.sampler.NoisePrediction;
import dev.imagerestore.models.sampler.NoiseSource;
import dev.imagerestore.models.sampler.Scheduler;
import dev.imagerestore.models.sampler.SchedulerState;
import dev.imagerestore.models.sampler.Step;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Arrays;
import java.util.Objects;

/**
 * RePaint's reverse loop (Lugmayr et al., CVPR 2022, Algorithm 1) around a {@link Scheduler} (DDIM,
 * Song et al., ICLR 2021, eq. 12, by default) over the scheduler's {@link Scheduler#timesteps}, walked
 * in the order of a {@link ResamplingSchedule}: a variation written as a loop that calls
 * {@link Scheduler#step}.
 *
 * <p>A downward move {@code t -> s} runs the scheduler's stride (one network evaluation, or more for a
 * multi-stage method), makes the unknown part with it and the known part by noising the known
 * pixels to {@code s} ({@code sqrt(ab_s) x_known + sqrt(1 - ab_s) n}), and merges them with the mask;
 * at {@code s = -1} the unknown part is the scheduler's clean estimate and the known part the known
 * pixels. An upward move {@code s -> t} is one forward diffusion step
 * {@code x_t = sqrt(ab_t/ab_s) x_s + sqrt(1 - ab_t/ab_s) n}; it also ends the scheduler's run, so a
 * multistep method starts afresh (first order) after every jump. Of {@code K} moves, move {@code k}
 * draws the noise of its first evaluation as step {@code 2k}, of its evaluation {@code e >= 1} as step
 * {@code 2k + 2Ke}, and its re-noising as step {@code 2k + 1} of the noise source; the start state
 * {@code sqrt(ab_T) init + sqrt(1 - ab_T) z} draws step {@code -1}.
 *
 * <p>Memory: each move's temporaries live in a sub-manager of the inputs' manager; the result is
 * attached to that manager. Immutable; the predictor is used from the calling thread only.
 */
public final class RePaintLoop {

    private final NoiseSchedule schedule;
    private final Scheduler scheduler;
    private final int jumpLength;
    private final int jumpRepeats;

    public RePaintLoop(NoiseSchedule schedule, Scheduler scheduler, int jumpLength, int jumpRepeats) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.jumpLength = jumpLength;
        this.jumpRepeats = jumpRepeats;
        ResamplingSchedule.of(1, jumpLength, jumpRepeats);
    }

    /** The network evaluations of one run from {@code startT}: those of the scheduler's strides, per downward move. */
    public int networkEvaluations(double startT) {
        double[] grid = scheduler.timesteps(startT);
        ResamplingSchedule walk = ResamplingSchedule.of(grid.length - 1, jumpLength, jumpRepeats);
        double[] visited = walk.timesteps(grid);
        int[] levels = walk.levels();
        int total = 0;
        for (int k = 0; k + 1 < levels.length; k++) {
            if (levels[k + 1] < levels[k]) {
                total += scheduler.evaluations(visited[k], visited[k + 1]);
            }
        }
        return total;
    }

    /**
     * Fills the unknown pixels.
     *
     * @param known (B, C, H, W) in [-1, 1]; only its known pixels are read
     * @param keep (B, 1, H, W), 1 where the pixel is known, 0 where it is to be filled
     * @param init (B, C, H, W) in [-1, 1], the known pixels with a first guess in the hole (it only
     *     matters when {@code startT} leaves signal in the start state)
     * @param noise standard normal noise, asked for items {@code 0..B-1} at origin (0, 0)
     * @return (B, C, H, W) in [-1, 1], attached to the manager of {@code known}
     */
    public NDArray run(
            NoisePredictor predictor,
            NDArray known,
            NDArray keep,
            NDArray init,
            double startT,
            NDArray labels,
            NoiseSource noise) {
        Objects.requireNonNull(noise, "noise");
        double[] grid = scheduler.timesteps(startT);
        ResamplingSchedule walk = ResamplingSchedule.of(grid.length - 1, jumpLength, jumpRepeats);
        double[] visited = walk.timesteps(grid);
        int[] levels = walk.levels();
        int moves = levels.length - 1;
        Shape shape = known.getShape();
        int batch = Math.toIntExact(shape.get(0));
        long[] items = new long[batch];
        Arrays.setAll(items, b -> b);
        int[] origin = new int[batch];
        NDManager outer = known.getManager();
        NDArray x;
        try (NDManager scope = outer.newSubManager()) {
            double ab = schedule.alphaBar(startT);
            NDArray z = noise.normal(scope, -1, shape, items, origin, origin);
            x = init.mul((float) Math.sqrt(ab)).addi(z.muli((float) Math.sqrt(1 - ab)));
            x.attach(outer);
        }
        SchedulerState state = null;
        for (int k = 0; k < moves; k++) {
            try (NDManager scope = outer.newSubManager()) {
                x.attach(scope);
                if (state != null) {
                    state.arrays().forEach(a -> a.attach(scope));
                }
                double from = visited[k];
                double to = visited[k + 1];
                NDArray renoise = to == -1 ? null : noise.normal(scope, 2 * k + 1, shape, items, origin, origin);
                NDArray next;
                if (levels[k + 1] < levels[k]) {
                    if (state == null || state.finished() || state.timestep() != from) {
                        state = scheduler.start(tail(grid, from));
                    }
                    int stride = state.stride();
                    NDArray unknown = x;
                    for (int e = 0; !state.finished() && state.stride() == stride; e++) {
                        NDArray eps = NoisePrediction.of(predictor, unknown, state.timestep(), null, labels, scope);
                        NDArray z = scheduler.needsNoise(state)
                                ? noise.normal(
                                        scope, e == 0 ? 2 * k : 2 * k + 2 * moves * e, shape, items, origin, origin)
                                : null;
                        Step step = scheduler.step(eps, state, unknown, z);
                        unknown = step.sample();
                        state = step.next();
                    }
                    NDArray knownPart = to == -1
                            ? known
                            : known.mul((float) Math.sqrt(schedule.alphaBar(to)))
                                    .addi(renoise.mul((float) Math.sqrt(1 - schedule.alphaBar(to))));
                    next = knownPart.mul(keep).addi(unknown.mul(keep.neg().addi(1f)));
                    state.arrays().forEach(a -> a.attach(outer));
                } else {
                    double ratio = schedule.alphaBar(to) / schedule.alphaBar(from);
                    next = x.mul((float) Math.sqrt(ratio)).addi(renoise.mul((float) Math.sqrt(1 - ratio)));
                    state = null;
                }
                next.attach(outer);
                x = next;
            }
        }
        return x;
    }

    /** The grid from {@code from} (one of its timesteps) to its end. */
    private static double[] tail(double[] grid, double from) {
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] == from) {
                return Arrays.copyOfRange(grid, i, grid.length);
            }
        }
        throw new IllegalStateException("timestep " + from + " is not on the grid " + Arrays.toString(grid));
    }
}
