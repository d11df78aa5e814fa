package dev.imagerestore.operators.inpaint;

import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageTypes;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A decoded image travelling with its inpainting mask (already resized to the image). Immutable;
 * serialized as {@link ImageTypes#MASKED_IMAGE} says (the image as {@code DecodedImage} travels, then the
 * mask's bits).
 */
@TypeInfo(MaskedImage.TypeFactory.class)
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

    /** Named by this record's {@code @TypeInfo}, so that Flink's type extraction finds {@link ImageTypes#MASKED_IMAGE}. */
    public static final class TypeFactory extends TypeInfoFactory<MaskedImage> {
        @Override
        public TypeInformation<MaskedImage> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return ImageTypes.MASKED_IMAGE;
        }
    }
}
