/**
 * Restoration of images of any size, tile by tile: {@link dev.imagerestore.models.restore.Denoiser}
 * removes Gaussian noise of a given or estimated level ({@link dev.imagerestore.models.restore.NoiseEstimator})
 * with a noise-predicting network, and {@link dev.imagerestore.models.restore.BlindRestorer} restores
 * real scans with a network conditioned on the degraded image. {@link dev.imagerestore.models.restore.TileGrid}
 * and {@link dev.imagerestore.models.restore.TileAccumulator} cover an image with overlapping tiles and
 * blend the results back.
 */
package dev.imagerestore.models.restore;
