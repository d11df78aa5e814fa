package dev.imagerestore.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.imagerestore.models.NoisePredictor;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NoisePredictor} for tests whose output is a closed form of its input, so samplers can be
 * checked against hand-computed updates: {@code eps = scale * x[:, :imageChannels] + offset}. It
 * records every call (timesteps, input channels, labels). Confined to one thread.
 */
public final class ClosedFormPredictor implements NoisePredictor {

    /** One recorded call. */
    public record Call(float[] timesteps, long inputChannels, boolean labelled) {}

    private final int imageChannels;
    private final float scale;
    private final float offset;
    private final List<Call> calls = new ArrayList<>();
    private boolean closed;

    private ClosedFormPredictor(int imageChannels, float scale, float offset) {
        this.imageChannels = imageChannels;
        this.scale = scale;
        this.offset = offset;
    }

    /** {@code eps = c} everywhere. */
    public static ClosedFormPredictor constant(int imageChannels, float c) {
        return new ClosedFormPredictor(imageChannels, 0, c);
    }

    /** {@code eps = k x} on the image channels. */
    public static ClosedFormPredictor proportional(int imageChannels, float k) {
        return new ClosedFormPredictor(imageChannels, k, 0);
    }

    @Override
    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
        if (closed) {
            throw new IllegalStateException("predictor used after close()");
        }
        calls.add(new Call(t.toFloatArray(), x.getShape().get(1), labels != null));
        NDArray image = x.get(new NDIndex(":, 0:{}", imageChannels));
        return image.mul(scale).addi(offset);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        closed = true;
    }
}
