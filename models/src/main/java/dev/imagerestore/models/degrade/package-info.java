/**
 * Seeded, randomised degradations of clean images for training and evaluating blind restoration:
 * {@link dev.imagerestore.models.degrade.Degradations} composes scanner and camera noise, film grain,
 * JPEG and mild blur per image in a fixed order of draws, with the probabilities and ranges of a
 * {@link dev.imagerestore.models.degrade.DegradationModel}, and returns the
 * {@link dev.imagerestore.models.degrade.Degraded} image with the steps applied.
 */
package dev.imagerestore.models.degrade;
