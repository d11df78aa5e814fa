package dev.imagerestore.operators.tiles;

import dev.imagerestore.models.image.FloatImage;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * The noise level a task gives an image that flows as tiles, decided once per image before it is cut:
 * a fixed level, or one estimated from a sample of the image (windows spread over it, since the
 * image is never held whole; see {@link SplitIntoTiles}). Serializable, as it travels in the job
 * graph; called on one task thread.
 */
@FunctionalInterface
public interface NoiseProbe extends Serializable {

    /** No noise level: the task needs none. */
    NoiseProbe NONE = sample -> Double.NaN;

    /**
     * The noise level on the 0-255 scale, or NaN for none; {@code sample} reads the sample only if
     * asked (a fixed level never reads it).
     */
    double noiseLevel(Supplier<FloatImage> sample);
}
