package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.runtime.NativeArrays;
import java.util.Arrays;

/**
 * One network call of a loop around a {@link Scheduler} (or of an inversion): the input is
 * {@code concat(x, conditions)} along the channel axis, the timestep a float32 {@code (B)} array, and
 * the predicted noise, attached to {@code scope}, must have the shape of {@code x}.
 */
public final class NoisePrediction {

    private NoisePrediction() {}

    /** @throws IllegalStateException if the predicted noise does not have the shape of x */
    public static NDArray of(
            NoisePredictor predictor, NDArray x, double t, NDArray conditions, NDArray labels, NDManager scope) {
        float[] times = new float[Math.toIntExact(x.getShape().get(0))];
        Arrays.fill(times, (float) t);
        NDArray input = conditions == null ? x : x.concat(conditions, 1);
        NDArray eps = predictor.predictNoise(input, NativeArrays.create(scope, times), labels);
        eps.attach(scope);
        if (!eps.getShape().equals(x.getShape())) {
            throw new IllegalStateException(
                    "predicted noise has shape " + eps.getShape() + ", expected " + x.getShape());
        }
        return eps;
    }
}
