package dev.imagerestore.models.degrade;

import dev.imagerestore.models.image.FloatImage;
import java.util.List;
import java.util.Objects;

/**
 * A degraded image and what was done to it.
 *
 * @param image the degraded image, same channels and size as the clean one; values may lie outside
 *     [0, 1] when the last step was unclipped noise
 * @param steps the steps applied, in order, each as {@code name(parameters)}; empty for an image left
 *     as it was
 * @param rmsChange the root-mean-square difference from the clean image, in 8-bit levels
 */
public record Degraded(FloatImage image, List<String> steps, double rmsChange) {

    public Degraded {
        Objects.requireNonNull(image, "image");
        steps = List.copyOf(steps);
    }

    /** Whether the image was left as it was. */
    public boolean untouched() {
        return steps.isEmpty();
    }
}
