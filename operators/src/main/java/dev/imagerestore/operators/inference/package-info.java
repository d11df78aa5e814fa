/**
 * The device-bound restore stage: {@link dev.imagerestore.operators.inference.InferenceStage} puts a
 * {@link dev.imagerestore.operators.inference.RestoreAsyncFunction} into the pipeline, which hands tiles
 * or whole images to an {@link dev.imagerestore.operators.inference.InferenceService} shared by every
 * slot of a TaskManager that uses the same model, device and batch settings, so the model is loaded
 * once and its forward passes are micro-batched. Options are in
 * {@link dev.imagerestore.operators.inference.InferenceOptions}; a task plugs in through
 * {@link dev.imagerestore.operators.inference.TileBatchProcessor} or
 * {@link dev.imagerestore.operators.inference.ImageProcessor}.
 */
package dev.imagerestore.operators.inference;
