package dev.imagerestore.models.inpaint.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.inpaint.ResamplingSchedule;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.sampler.NoiseSource;
import dev.imagerestore.models.sampler.Posterior;
import dev.imagerestore.models.sampler.internal.DdimSampler;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Arrays;
import java.util.Objects;

/**
 * RePaint's reverse loop (Lugmayr et al., CVPR 2022, Algorithm 1) with DDIM strides (Song et al.,
 * ICLR 2021, eq. 12) over the trailing grid of {@link DdimSampler#timesteps}, walked in the order of a
 * {@link ResamplingSchedule}.
 *
 * <p>A downward move {@code t -> s} evaluates the network once, takes the clamped Tweedie estimate
 * {@code x0}, makes the unknown part with a DDIM stride and the known part by noising the known
 * pixels to {@code s} ({@code sqrt(ab_s) x_known + sqrt(1 - ab_s) n}), and merges them with the
 * mask; at {@code s = -1} the unknown part is {@code x0} and the known part the known pixels. An
 * upward move {@code s -> t} is one forward diffusion step
 * {@code x_t = sqrt(ab_t/ab_s) x_s + sqrt(1 - ab_t/ab_s) n}. Move {@code k} draws its DDIM noise as
 * step {@code 2k} and its re-noising as step {@code 2k + 1} of the noise source; the start state
 * {@code sqrt(ab_T) init + sqrt(1 - ab_T) z} draws step {@code -1}.
 *
 * <p>Memory: each move's temporaries live in a sub-manager of the inputs' manager; the result is
 * attached to that manager. Immutable; the predictor is used from the calling thread only.
 */
public final class RePaintLoop {

    private final NoiseSchedule schedule;
    private final DdimSampler ddim;
    private final int steps;
    private final int jumpLength;
    private final int jumpRepeats;

    public RePaintLoop(NoiseSchedule schedule, int steps, int jumpLength, int jumpRepeats, double eta) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.ddim = new DdimSampler(schedule, steps, eta);
        this.steps = steps;
        this.jumpLength = jumpLength;
        this.jumpRepeats = jumpRepeats;
        ResamplingSchedule.of(steps, jumpLength, jumpRepeats);
    }

    /** The walk from {@code startT}: its grid may be shorter than {@code steps} for a small start. */
    public ResamplingSchedule walk(double startT) {
        return ResamplingSchedule.of(ddim.timesteps(startT).length - 1, jumpLength, jumpRepeats);
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
    public NDArray run(NoisePredictor predictor, NDArray known, NDArray keep, NDArray init, double startT,
            NDArray labels, NoiseSource noise) {
        Objects.requireNonNull(noise, "noise");
        double[] grid = ddim.timesteps(startT);
        ResamplingSchedule walk = ResamplingSchedule.of(grid.length - 1, jumpLength, jumpRepeats);
        double[] visited = walk.timesteps(grid);
        int[] levels = walk.levels();
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
        for (int k = 0; k + 1 < levels.length; k++) {
            try (NDManager scope = outer.newSubManager()) {
                x.attach(scope);
                double from = visited[k];
                double to = visited[k + 1];
                NDArray renoise = to == -1 ? null : noise.normal(scope, 2 * k + 1, shape, items, origin, origin);
                NDArray next;
                if (levels[k + 1] < levels[k]) {
                    double abT = schedule.alphaBar(from);
                    double abS = schedule.alphaBar(to);
                    NDArray x0 = estimate(predictor, x, from, abT, labels, scope);
                    NDArray unknown;
                    NDArray knownPart;
                    if (to == -1) {
                        unknown = x0;
                        knownPart = known;
                    } else {
                        NDArray z = ddim.needsNoise(abT, abS) ? noise.normal(scope, 2 * k, shape, items, origin, origin)
                                : null;
                        unknown = ddim.stride(x, x0, abT, abS, z);
                        knownPart = known.mul((float) Math.sqrt(abS)).addi(renoise.mul((float) Math.sqrt(1 - abS)));
                    }
                    next = knownPart.mul(keep).addi(unknown.mul(keep.neg().addi(1f)));
                } else {
                    double ratio = schedule.alphaBar(to) / schedule.alphaBar(from);
                    next = x.mul((float) Math.sqrt(ratio)).addi(renoise.mul((float) Math.sqrt(1 - ratio)));
                }
                next.attach(outer);
                x = next;
            }
        }
        return x;
    }

    private static NDArray estimate(NoisePredictor predictor, NDArray x, double t, double abT, NDArray labels,
            NDManager scope) {
        float[] times = new float[Math.toIntExact(x.getShape().get(0))];
        Arrays.fill(times, (float) t);
        NDArray eps = predictor.predictNoise(x, NativeArrays.create(scope, times), labels);
        eps.attach(scope);
        if (!eps.getShape().equals(x.getShape())) {
            throw new IllegalStateException("predicted noise has shape " + eps.getShape() + ", expected " + x.getShape());
        }
        return Posterior.x0(x, eps, abT).clip(-1, 1);
    }
}
