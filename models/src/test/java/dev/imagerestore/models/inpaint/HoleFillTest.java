package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.internal.HoleFill;
import org.junit.jupiter.api.Test;

class HoleFillTest {

    @Test
    void aHoleInAConstantImageBecomesThatConstantAndKnownPixelsStay() {
        float[] samples = new float[2 * 20 * 30];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i < 600 ? 0.25f : 0.75f;
        }
        Mask hole = Mask.box(20, 30, 5, 5, 10, 12);
        FloatImage damaged = FloatImage.wrap(2, 20, 30, 8, samples.clone());

        FloatImage filled = HoleFill.fill(damaged, hole);

        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                assertThat(filled.get(0, y, x)).isEqualTo(0.25f);
                assertThat(filled.get(1, y, x)).isEqualTo(0.75f);
            }
        }
    }

    @Test
    void aThinGapInARampIsBridgedByItsNeighbours() {
        float[] samples = new float[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                samples[y * 16 + x] = y / 16f;
            }
        }
        Mask gap = Mask.box(16, 16, 8, 0, 1, 16);
        float[] damaged = samples.clone();
        for (int x = 0; x < 16; x++) {
            damaged[8 * 16 + x] = 1f;
        }

        FloatImage filled = HoleFill.fill(FloatImage.wrap(1, 16, 16, 8, damaged), gap);

        for (int x = 0; x < 16; x++) {
            assertThat(filled.get(0, 8, x)).isCloseTo(8 / 16f, within(1e-6f));
        }
    }
}
