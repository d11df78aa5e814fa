package dev.imagerestore.models;

import ai.djl.ndarray.NDArray;

/**
 * The call contract of a noise-predicting network eps_theta(x_t, t): the one seam between the
 * samplers and restorers of this library and whatever runs the network (the project's own DJL
 * UNet, or a user's TorchScript export).
 *
 * <p>Inputs: {@code x (B, imageChannels + conditionChannels, H, W)} float32 with data in [-1, 1]
 * scaled as the schedule prescribes, {@code t (B)} float32 timesteps (fractional values allowed;
 * a TorchScript model receives them rounded to int64), and {@code labels (B)} for label-conditioned
 * models or {@code null}. Output: the predicted noise {@code (B, imageChannels, H, W)} float32.
 *
 * <p>Ownership: the caller owns the inputs; the returned array is attached to the manager of
 * {@code x}, so closing that manager (or the caller's NDScope) frees it.
 *
 * <p>Threading: a predictor is confined to one thread at a time; open one per worker thread from
 * the shared {@link DiffusionModel}.
 */
public interface NoisePredictor extends AutoCloseable {

    /** Predicts the noise in {@code x} at timesteps {@code t}. */
    NDArray predictNoise(NDArray x, NDArray t, NDArray labels);

    /** Releases the predictor (not the model). */
    @Override
    void close();
}
