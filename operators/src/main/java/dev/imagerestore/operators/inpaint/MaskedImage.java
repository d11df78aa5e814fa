package dev.imagerestore.operators.inpaint;

import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.internal.MaskedImageSerializer;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A decoded image travelling with its inpainting mask (already resized to the image). Immutable;
 * serialized by {@link MaskedImageSerializer} (the image as {@code DecodedImage} travels, then the
 * mask's bits).
 */
@TypeInfo(MaskedImageSerializer.Factory.class)
public record MaskedImage(DecodedImage image, Mask mask) {

    public MaskedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        if (mask.height() != image.height() || mask.width() != image.width()) {
            throw new IllegalArgumentException("mask " + mask + " does not match image " + image.relativePath() + " of "
                    + image.width() + "x" + image.height());
        }
    }

    public String relativePath() {
        return image.relativePath();
    }
}
