package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;

/**
 * A way of repairing the masked pixels of an image: RePaint with an unconditional network
 * ({@link Inpainter}), or a network that takes the mask as a condition and fills in one pass
 * ({@code dev.imagerestore.models.restore.BlindRestorer#maskFill()}). Every implementation returns
 * the pixels outside the mask bit for bit, so fills can be compared on the same holes.
 */
public interface MaskFill {

    /** {@code image} with the pixels of {@code mask} (resized to the image if needed) repaired. */
    FloatImage inpaint(FloatImage image, Mask mask);

    /** What fills and how it is set, for reports. */
    String describe();
}
