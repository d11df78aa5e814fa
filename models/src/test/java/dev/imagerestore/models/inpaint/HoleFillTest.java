package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
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

    @Test
    void aHoleInAHarmonicFunctionIsFilledWithThatFunction() {
        int side = 40;
        float[] samples = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double u = (x - 20) / 40.0;
                double v = (y - 17) / 40.0;
                samples[y * side + x] = (float) (0.5 + u * u - v * v + 0.3 * u * v);
            }
        }
        Mask hole = Mask.box(side, side, 6, 9, 24, 20);
        float[] damaged = samples.clone();
        for (int i = 0; i < damaged.length; i++) {
            if (hole.get(i / side, i % side)) {
                damaged[i] = 0f;
            }
        }

        FloatImage filled = HoleFill.fill(FloatImage.wrap(1, side, side, 8, damaged), hole);

        for (int i = 0; i < samples.length; i++) {
            assertThat(filled.get(0, i / side, i % side)).as("pixel %d", i).isCloseTo(samples[i], within(2e-3f));
        }
    }

    @Test
    void aHoleAtTheImageBorderBlendsTheEdgeItContinues() {
        float[] samples = new float[24 * 24];
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 24; x++) {
                samples[y * 24 + x] = x < 12 ? 0.2f : 0.8f;
            }
        }
        Mask strip = Mask.box(24, 24, 0, 0, 8, 24);

        FloatImage filled = HoleFill.fill(FloatImage.wrap(1, 24, 24, 8, samples.clone()), strip);

        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 24; x++) {
                assertThat(filled.get(0, y, x) + filled.get(0, y, 23 - x))
                        .as("(%d, %d)", y, x)
                        .isCloseTo(1f, within(2e-3f));
                if (x > 0) {
                    assertThat(filled.get(0, y, x)).isGreaterThan(filled.get(0, y, x - 1));
                }
            }
            assertThat(filled.get(0, y, 0)).isBetween(filled.get(0, y + 1, 0), 0.5f);
        }
        assertThat(filled.get(0, 8, 5)).isEqualTo(0.2f);
    }
}
