/**
 * The models library's entry point: {@link dev.imagerestore.models.DiffusionModel} loads a model
 * directory (or a user's TorchScript export) and opens thread-confined
 * {@link dev.imagerestore.models.NoisePredictor}s, the one seam between the samplers and restorers of
 * this library and whatever runs the network. The library has no Flink dependency.
 */
package dev.imagerestore.models;
