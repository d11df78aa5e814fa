package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A variation written into the {@link SamplingLoop} rather than into a scheduler (diffusers'
 * {@code callback_on_step_end}): after every step it may replace the sample, e.g. by the known pixels
 * of an inpainting task noised to the sample's timestep.
 */
@FunctionalInterface
public interface StepHook {

    /**
     * The sample the loop carries on with.
     *
     * @param sample the scheduler's output; not to be changed
     * @param timestep the timestep of {@code sample} ({@code -1} for the clean image)
     * @param evaluation the network evaluations made so far, for the step index of any noise drawn
     * @param scope the step's manager: arrays made here are freed after the step unless returned
     */
    NDArray afterStep(NDArray sample, double timestep, int evaluation, NDManager scope);
}
