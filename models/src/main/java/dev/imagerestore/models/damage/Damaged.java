package dev.imagerestore.models.damage;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A clean image with damage rendered on it.
 *
 * @param image the damaged image: the clean image's channels, size and bit depth, samples in [0, 1]
 * @param mask the pixels whose content is lost or replaced (total damage opacity at least one half):
 *     what an inpainter must fill and a detector must flag
 * @param stainMask the pixels whose tone changed while their content stayed: foxing stains and the
 *     shoulders of creases (a pixel can be in both masks where damage crosses a stain)
 * @param pixelCounts for each kind drawn, the pixels it added to {@code mask} (these sum to
 *     {@code mask.count()}); for {@link DamageKind#STAIN}, the pixels its stains added to {@code stainMask}
 */
public record Damaged(FloatImage image, Mask mask, Mask stainMask, Map<DamageKind, Integer> pixelCounts) {

    public Damaged {
        Objects.requireNonNull(image, "image");
        if (mask.height() != image.height()
                || mask.width() != image.width()
                || stainMask.height() != image.height()
                || stainMask.width() != image.width()) {
            throw new IllegalArgumentException("masks " + mask + " and " + stainMask + " do not match image " + image);
        }
        EnumMap<DamageKind, Integer> copy = new EnumMap<>(DamageKind.class);
        copy.putAll(pixelCounts);
        pixelCounts = Collections.unmodifiableMap(copy);
    }

    /** The damaged fraction of the pixels, {@code mask().fraction()}. */
    public double coverage() {
        return mask.fraction();
    }

    /** The pixels {@code kind} added (0 when it drew nothing). */
    public int pixels(DamageKind kind) {
        return pixelCounts.getOrDefault(kind, 0);
    }
}
