package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.SyntheticImages;
import org.junit.jupiter.api.Test;

class SyntheticDamageTest {

    @Test
    void scratchMasksCoverAtLeastTheAskedFractionAndDependOnlyOnTheSeed() {
        Mask a = SyntheticDamage.scratches(321, 481, 0.03, 5);

        assertThat(a.fraction()).isBetween(0.03, 0.06);
        assertThat(SyntheticDamage.scratches(321, 481, 0.03, 5)).isEqualTo(a);
        assertThat(SyntheticDamage.scratches(321, 481, 0.03, 6)).isNotEqualTo(a);
    }

    @Test
    void scratchesAreThinLines() {
        Mask mask = SyntheticDamage.scratches(200, 200, 0.03, 2);

        // no 7x7 block is fully covered: every stroke is at most 5 px wide (crossings aside)
        Mask eroded = erode(mask, 3);
        assertThat(eroded.count()).isLessThan(mask.count() / 50 + 1);
    }

    @Test
    void paintedScratchesChangeOnlyTheirMaskAndContrastWithThePrint() {
        FloatImage clean = SyntheticImages.smooth(3, 100, 120);
        SyntheticDamage.Damaged damaged = SyntheticDamage.scratched(clean, 0.03, 4);

        int contrasted = 0;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 120; x++) {
                float before = clean.get(1, y, x);
                float after = damaged.image().get(1, y, x);
                if (damaged.mask().get(y, x)) {
                    contrasted += Math.abs(after - before) > 0.25 ? 1 : 0;
                } else {
                    assertThat(after).isEqualTo(before);
                }
            }
        }
        assertThat(contrasted)
                .as("light on dark parts, dark on light ones")
                .isGreaterThan(damaged.mask().count() * 8 / 10);
    }

    @Test
    void boxesAre64PixelsSquareInsideTheImage() {
        Mask box = SyntheticDamage.box(321, 481, 64, 3);

        assertThat(box.count()).isEqualTo(64 * 64);
        assertThat(box).isEqualTo(box.resizedTo(321, 481));
    }

    private static Mask erode(Mask mask, int radius) {
        boolean[] out = new boolean[mask.height() * mask.width()];
        for (int y = radius; y < mask.height() - radius; y++) {
            for (int x = radius; x < mask.width() - radius; x++) {
                boolean all = true;
                for (int dy = -radius; dy <= radius && all; dy++) {
                    for (int dx = -radius; dx <= radius && all; dx++) {
                        all = mask.get(y + dy, x + dx);
                    }
                }
                out[y * mask.width() + x] = all;
            }
        }
        return Mask.of(mask.height(), mask.width(), out);
    }
}
