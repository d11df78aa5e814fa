package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.NoisePredictor;

/**
 * A reverse diffusion process: from a noisy state {@code x_t} at a (fractional) timestep down to
 * the clean image, one network evaluation per visited timestep. Implementations are made by
 * {@link Samplers}.
 *
 * <p>Conventions: data in [-1, 1]; {@code x_t = sqrt(ab_t) x_0 + sqrt(1 - ab_t) eps} with the
 * alpha-bar of the sampler's {@link dev.imagerestore.models.schedule.NoiseSchedule}; timestep
 * {@code -1} is the clean image ({@code ab = 1}). At every step the network sees
 * {@code concat(x_t, conditions)} along the channel axis and {@code t} as a float32 {@code (B)} array
 * (the exact, possibly fractional, timestep; a TorchScript predictor rounds it). The clean-image
 * estimate {@code x_0} of every step is clamped to [-1, 1] before it is used, as in DDPM and
 * Improved DDPM ("clip_denoised"); the noise direction is then re-derived from the clamped
 * estimate, so the returned image always lies in [-1, 1].
 *
 * <p>Memory: arrays made during a step are freed when the step ends; the result is attached to
 * the manager of {@code xt}, the inputs are left untouched. Threading: samplers are immutable and
 * thread-safe; the predictor they are given is used from the calling thread only.
 */
public interface Sampler {

    /**
     * Runs the reverse process from x_t (B,C,H,W; data scaled as x_t = sqrt(ab) x0 + sqrt(1-ab) eps) at
     * fractional timestep startT down to the clean image; returns the x0 estimate (B,C,H,W) in data units
     * [-1,1], attached to xt's manager. {@code conditions} (B,Cc,H,W) are concatenated to the network
     * input at every step (may be null); labels may be null. Noise comes from {@code noise} so results
     * do not depend on batching or threads: the sampler asks it for step {@code i}'s noise with item ids
     * {@code 0..B-1} and origin (0, 0) (wrap it with {@link NoiseSources#placed} to give tiles their
     * image ids and positions). {@code noise} may be null for a deterministic sampler (DDIM, eta = 0).
     *
     * @throws IllegalArgumentException if startT is outside [-1, steps - 1] of the schedule or a
     *     shape does not fit
     */
    NDArray sample(
            NoisePredictor predictor, NDArray xt, double startT, NDArray conditions, NDArray labels, NoiseSource noise);

    /**
     * The timesteps visited, first to last: the fractional start, then the integer grid used, then
     * {@code -1} (the clean image). The network is evaluated at every entry but the last.
     */
    double[] timesteps(double startT);
}
