package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void whiteMeansRepairInAnyChannel() {
        float[] samples = new float[3 * 2 * 2];
        samples[4 + 1] = 0.9f; // green, pixel (0, 1)
        samples[3] = 0.5f; // red, pixel (1, 1): not above one half
        Mask mask = Mask.fromImage(FloatImage.wrap(3, 2, 2, 8, samples));

        assertThat(mask.get(0, 1)).isTrue();
        assertThat(mask.get(1, 1)).isFalse();
        assertThat(mask.count()).isEqualTo(1);
        assertThat(mask.fraction()).isEqualTo(0.25);
    }

    @Test
    void resizingIsNearestNeighbourOnPixelCentres() {
        Mask small = Mask.box(2, 2, 0, 1, 1, 1);

        Mask large = small.resizedTo(4, 6);

        // source column 1 covers target columns 3..5, source row 0 covers target rows 0..1
        assertThat(large).isEqualTo(Mask.box(4, 6, 0, 3, 2, 3));
    }

    @Test
    void dilationIsASquareOfTheRadius() {
        Mask dot = Mask.box(7, 7, 3, 3, 1, 1);

        assertThat(dot.dilated(2)).isEqualTo(Mask.box(7, 7, 1, 1, 5, 5));
        assertThat(Mask.box(5, 5, 0, 0, 1, 1).dilated(1)).isEqualTo(Mask.box(5, 5, 0, 0, 2, 2));
    }

    @Test
    void intersectionTestsTheRectangleOnly() {
        Mask mask = Mask.box(10, 10, 4, 4, 2, 2);

        assertThat(mask.intersects(0, 0, 4, 10)).isFalse();
        assertThat(mask.intersects(5, 5, 3, 3)).isTrue();
        assertThat(mask.intersects(0, 6, 10, 4)).isFalse();
    }

    @Test
    void selectTakesTheMaskedPixelsFromOneImageAndTheRestBitForBitFromTheOther() {
        FloatImage inside = FloatImage.wrap(2, 2, 3, 16, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        FloatImage outside =
                FloatImage.wrap(2, 2, 3, 16, new float[] {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12});
        Mask mask = Mask.of(2, 3, new boolean[] {true, false, false, false, false, true});

        FloatImage selected = mask.select(inside, outside);

        assertThat(selected.toArray()).containsExactly(1, -2, -3, -4, -5, 6, 7, -8, -9, -10, -11, 12);
        assertThat(selected.bitDepth()).isEqualTo(16);
        assertThatThrownBy(() -> mask.select(inside, FloatImage.wrap(1, 2, 3, 16, new float[6])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot select between a 2x2x3 and a 1x2x3 image with a 2x3 mask");
    }
}
