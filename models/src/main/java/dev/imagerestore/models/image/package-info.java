/**
 * Images as the models see them: {@link dev.imagerestore.models.image.FloatImage}, immutable planar
 * floats in [0, 1] with the bit depth they came from, and {@link dev.imagerestore.models.image.ImageFiles}
 * to read and write them in training, evaluation and tests (the Flink job decodes with its own,
 * hardened decoder).
 */
package dev.imagerestore.models.image;
