package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.sampler.internal.CounterNoise;
import java.util.Objects;

/** Factories of {@link NoiseSource}s. */
public final class NoiseSources {

    private NoiseSources() {}

    /**
     * Counter-based noise: each value is hashed from (seed, step, item id, channel, y, x) with the
     * SplitMix64 finaliser (Steele, Lea and Flood, "Fast Splittable Pseudorandom Number Generators",
     * OOPSLA 2014), turned into two uniforms and one normal by Box-Muller. No state, so any tiling,
     * batching or thread schedule gives the same value for the same pixel.
     */
    public static NoiseSource counterBased(long seed) {
        return new CounterNoise(seed);
    }

    /**
     * {@code source} seen from a batch whose item {@code b} is image {@code itemIds[b]} with its tile
     * at {@code (originY[b], originX[b])}: a request for local item {@code i} at origin {@code (y, x)}
     * becomes one for image {@code itemIds[i]} at {@code (originY[i] + y, originX[i] + x)}. Samplers ask
     * with local ids {@code 0..B-1} and origin (0, 0); this is how a tiler gives them positions. The
     * arrays are copied.
     */
    public static NoiseSource placed(NoiseSource source, long[] itemIds, int[] originY, int[] originX) {
        Objects.requireNonNull(source, "source");
        long[] ids = itemIds.clone();
        int[] ys = originY.clone();
        int[] xs = originX.clone();
        if (ys.length != ids.length || xs.length != ids.length) {
            throw new IllegalArgumentException("placement needs one id and one origin per item, got " + ids.length
                    + " ids, " + ys.length + " y origins and " + xs.length + " x origins");
        }
        return new NoiseSource() {
            @Override
            public NDArray normal(NDManager m, int step, Shape shape, long[] local, int[] localY, int[] localX) {
                long[] global = new long[local.length];
                int[] y = new int[local.length];
                int[] x = new int[local.length];
                for (int b = 0; b < local.length; b++) {
                    int item = Math.toIntExact(local[b]);
                    if (item < 0 || item >= ids.length) {
                        throw new IllegalArgumentException(
                                "local item " + item + " is outside the placed batch of " + ids.length + " items");
                    }
                    global[b] = ids[item];
                    y[b] = ys[item] + localY[b];
                    x[b] = xs[item] + localX[b];
                }
                return source.normal(m, step, shape, global, y, x);
            }
        };
    }
}
