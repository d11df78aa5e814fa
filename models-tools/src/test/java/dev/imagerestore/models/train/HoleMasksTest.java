package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.DamageKind;
import dev.imagerestore.models.inpaint.Mask;
import org.junit.jupiter.api.Test;

class HoleMasksTest {

    private final HoleMasks holes = new HoleMasks(DamageGenerator.builder()
            .setSeed(9)
            .optKinds(DamageKind.CRACKS, DamageKind.TEAR, DamageKind.DUST)
            .optStainCoverage(0, 0)
            .build());

    @Test
    void aCropsHoleDependsOnItsIdAloneIsNeverEmptyAndComesInEachKind() {
        int rectangles = 0;
        for (long id = 0; id < 90; id++) {
            Mask hole = holes.draw(48, id);
            assertThat(holes.draw(48, id)).as("crop %d", id).isEqualTo(hole);
            assertThat(hole.height()).isEqualTo(48);
            assertThat(hole.count()).as("crop %d", id).isPositive().isLessThan(48 * 48 * 2 / 3);
            if (isRectangle(hole)) {
                rectangles++;
            }
        }
        assertThat(rectangles).as("about a third are rectangles").isBetween(15, 45);
        assertThat(holes.draw(48, 1)).isNotEqualTo(holes.draw(48, 2));
    }

    private static boolean isRectangle(Mask mask) {
        int top = Integer.MAX_VALUE, left = Integer.MAX_VALUE, bottom = -1, right = -1;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.get(y, x)) {
                    top = Math.min(top, y);
                    left = Math.min(left, x);
                    bottom = Math.max(bottom, y);
                    right = Math.max(right, x);
                }
            }
        }
        return mask.count() == (bottom - top + 1) * (right - left + 1);
    }
}
