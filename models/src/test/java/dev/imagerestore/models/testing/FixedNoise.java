package dev.imagerestore.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.sampler.NoiseSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link NoiseSource} for tests: the same value everywhere (so stochastic updates have closed
 * forms), recording the step index of every request; or one that fails when asked at all.
 */
public final class FixedNoise implements NoiseSource {

    private final float value;
    private final boolean failing;
    private final List<Integer> steps = new ArrayList<>();

    private FixedNoise(float value, boolean failing) {
        this.value = value;
        this.failing = failing;
    }

    public static FixedNoise constant(float value) {
        return new FixedNoise(value, false);
    }

    /** A source that throws on every request: proves a sampler drew no noise. */
    public static FixedNoise failing() {
        return new FixedNoise(0, true);
    }

    @Override
    public synchronized NDArray normal(
            NDManager m, int step, Shape shape, long[] itemIds, int[] originY, int[] originX) {
        if (failing) {
            throw new AssertionError("noise requested at step " + step + " from a source that must not be used");
        }
        steps.add(step);
        float[] data = new float[Math.toIntExact(shape.size())];
        Arrays.fill(data, value);
        return NativeArrays.create(m, data, shape);
    }

    public synchronized List<Integer> steps() {
        return List.copyOf(steps);
    }
}
