package dev.imagerestore.models.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FloatImageTest {

    @Test
    void rmsChangeIsInEightBitLevelsAndComparesAOneChannelImageWithEachChannel() {
        FloatImage gray = FloatImage.wrap(1, 1, 2, 8, new float[] {0.5f, 0.5f});
        // red +2 levels at both pixels, green 0, blue -4 levels at one pixel: sqrt((4 + 4 + 16) / 6)
        FloatImage colour = FloatImage.wrap(
                3, 1, 2, 8, new float[] {0.5f + 2 / 255f, 0.5f + 2 / 255f, 0.5f, 0.5f, 0.5f - 4 / 255f, 0.5f});

        assertThat(gray.rmsChange(colour)).isCloseTo(2, within(1e-5));
        assertThat(colour.rmsChange(colour)).isZero();
        assertThat(gray.rmsChange(gray)).isZero();
    }

    @Test
    void rmsChangeRefusesImagesOfAnotherSizeOrChannelCount() {
        FloatImage a = FloatImage.wrap(1, 1, 2, 8, new float[2]);
        assertThatThrownBy(() -> a.rmsChange(FloatImage.wrap(1, 2, 1, 8, new float[2])))
                .hasMessageContaining("1x2 and 2x1");
        FloatImage colour = FloatImage.wrap(3, 1, 2, 8, new float[6]);
        assertThatThrownBy(() -> colour.rmsChange(a)).hasMessageContaining("3-channel image cannot be compared");
    }

    @Test
    void aWindowHoldsThoseSamplesOfEveryChannelAndMustLieWithinTheImage() {
        float[] samples = new float[2 * 3 * 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        FloatImage image = FloatImage.wrap(2, 3, 4, 16, samples);

        FloatImage window = image.window(1, 2, 2, 2);

        assertThat(window.toArray()).containsExactly(6, 7, 10, 11, 18, 19, 22, 23);
        assertThat(window.bitDepth()).isEqualTo(16);
        assertThat(image.window(0, 0, 3, 4)).isEqualTo(image);
        assertThat(image.centreCrop(1, 2).toArray()).containsExactly(5, 6, 17, 18);
        assertThatThrownBy(() -> image.window(2, 0, 2, 4))
                .hasMessageContaining("window 2x4 at (2, 0)")
                .hasMessageContaining("image 3x4");
        assertThatThrownBy(() -> image.window(0, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
