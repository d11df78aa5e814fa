package dev.imagerestore.models.restore.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * A restorer's network seen as a noise predictor, so that every sampler of the library can refine
 * with it: the network's {@code x_0 - y} becomes {@code x_0 = clip(y + residual, -1, 1)} and then the
 * noise {@code (x_t - sqrt(ab_t) x_0) / sqrt(1 - ab_t)} that the diffusion state implies (the
 * conversion diffusers' schedulers make for {@code prediction_type="sample"}). The input is
 * {@code concat(x_t, y, mask)} with {@code y} in channels 3-5, as samplers build it from the
 * conditions. Confined to the thread of the wrapped predictor; closing it closes that predictor.
 */
public final class ResidualAsNoise implements NoisePredictor {

    private final NoisePredictor network;
    private final NoiseSchedule schedule;

    public ResidualAsNoise(NoisePredictor network, NoiseSchedule schedule) {
        this.network = network;
        this.schedule = schedule;
    }

    /** The network's clean-image estimate {@code x_0} on [-1, 1] for {@code input} at timesteps {@code t}. */
    public NDArray cleanEstimate(NDArray input, NDArray t) {
        NDArray y = input.get(":, 3:6, :, :");
        return y.add(network.predictNoise(input, t, null)).clip(-1, 1);
    }

    @Override
    public NDArray predictNoise(NDArray input, NDArray t, NDArray labels) {
        NDArray x0 = cleanEstimate(input, t);
        float[] times = t.toFloatArray();
        float[] signal = new float[times.length];
        float[] noise = new float[times.length];
        for (int b = 0; b < times.length; b++) {
            double ab = schedule.alphaBar((double) times[b]);
            signal[b] = (float) Math.sqrt(ab);
            noise[b] = (float) Math.sqrt(1 - ab);
        }
        long batch = times.length;
        NDArray xt = input.get(":, 0:3, :, :");
        NDArray s = input.getManager().create(signal).reshape(batch, 1, 1, 1);
        NDArray n = input.getManager().create(noise).reshape(batch, 1, 1, 1);
        return xt.sub(x0.mul(s)).div(n);
    }

    @Override
    public void close() {
        network.close();
    }
}
