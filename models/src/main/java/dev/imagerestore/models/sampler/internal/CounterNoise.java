package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.sampler.NoiseSource;

/**
 * Stateless Gaussian noise: the key (seed, step, item, channel, y, x) is absorbed one value at a
 * time, {@code h <- mix(h ^ (v * GAMMA + GAMMA))}, with SplitMix64's finaliser {@code mix}; two
 * further outputs {@code mix(h + GAMMA)}, {@code mix(h + 2 GAMMA)} give {@code u1 in (0, 1]} and
 * {@code u2 in [0, 1)} (top 53 bits), and Box-Muller gives {@code sqrt(-2 ln u1) cos(2 pi u2)}.
 * Computed in Java (double precision, rounded to float), so values are the same on every engine
 * and platform. Immutable and thread-safe.
 */
public final class CounterNoise implements NoiseSource {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private final long seed;

    public CounterNoise(long seed) {
        this.seed = seed;
    }

    /** SplitMix64's output function (Steele et al. 2014; constants of Stafford's "Mix13"). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long absorb(long h, long value) {
        return mix(h ^ (value * GAMMA + GAMMA));
    }

    /** The standard normal value of one key, after the key's last value was absorbed into {@code h}. */
    static double gaussian(long h) {
        double u1 = ((mix(h + GAMMA) >>> 11) + 1) * UNIT;
        double u2 = (mix(h + 2 * GAMMA) >>> 11) * UNIT;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The noise value of one element. */
    public double value(int step, long item, int channel, long y, long x) {
        return gaussian(absorb(absorb(absorb(absorb(absorb(mix(seed), step), item), channel), y), x));
    }

    @Override
    public NDArray normal(NDManager m, int step, Shape shape, long[] itemIds, int[] originY, int[] originX) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("noise shape must be (B, C, H, W), got " + shape);
        }
        int batch = Math.toIntExact(shape.get(0));
        int channels = Math.toIntExact(shape.get(1));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        if (itemIds.length != batch || originY.length != batch || originX.length != batch) {
            throw new IllegalArgumentException(
                    "noise for a batch of " + batch + " needs as many item ids and origins, got " + itemIds.length
                            + ", " + originY.length + " and " + originX.length);
        }
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(batch * channels, height), width)];
        long start = absorb(mix(seed), step);
        int i = 0;
        for (int b = 0; b < batch; b++) {
            long itemKey = absorb(start, itemIds[b]);
            for (int c = 0; c < channels; c++) {
                long channelKey = absorb(itemKey, c);
                for (int y = 0; y < height; y++) {
                    long rowKey = absorb(channelKey, (long) originY[b] + y);
                    for (int x = 0; x < width; x++) {
                        data[i++] = (float) gaussian(absorb(rowKey, (long) originX[b] + x));
                    }
                }
            }
        }
        return NativeArrays.create(m, data, shape);
    }

    @Override
    public String toString() {
        return "counterBased(seed=" + seed + ")";
    }
}
