/**
 * The Java trainers of the project's models: {@link dev.imagerestore.models.train.DiffusionTrainer}
 * (noise-predicting UNets, optionally depth- and label-conditioned),
 * {@link dev.imagerestore.models.train.RestorationTrainer} (blind restoration on degraded crops),
 * {@link dev.imagerestore.models.train.DepthTrainer} and
 * {@link dev.imagerestore.models.train.DetectorTrainer}. They share one resumable
 * {@link dev.imagerestore.models.train.TrainingLoop} with AdamW, weight averaging and atomic
 * checkpoints, and each run writes a model directory whose card records how it was made.
 */
package dev.imagerestore.models.train;
