package dev.imagerestore.models.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import org.junit.jupiter.api.Test;

class LookTest {

    private static FloatImage pixel(float r, float g, float b) {
        return FloatImage.wrap(3, 1, 1, 8, new float[] {r, g, b});
    }

    @Test
    void sepiaIsTheDocumentedMatrixClampedToOne() {
        FloatImage out = Look.SEPIA_PRINT.apply(pixel(0.2f, 0.4f, 0.6f));
        assertThat(out.get(0, 0, 0)).isCloseTo(0.393f * 0.2f + 0.769f * 0.4f + 0.189f * 0.6f, within(1e-6f));
        assertThat(out.get(2, 0, 0)).isCloseTo(0.272f * 0.2f + 0.534f * 0.4f + 0.131f * 0.6f, within(1e-6f));
        assertThat(Look.SEPIA_PRINT.apply(pixel(1, 1, 1)).get(0, 0, 0)).isEqualTo(1f);
    }

    @Test
    void nightIsTheDocumentedPowerAndGain() {
        FloatImage out = Look.NIGHT.apply(pixel(0.5f, 0.5f, 0.5f));
        assertThat(out.get(0, 0, 0)).isCloseTo((float) (0.30 * Math.pow(0.5, 1.8)), within(1e-6f));
        assertThat(out.get(1, 0, 0)).isCloseTo((float) (0.40 * Math.pow(0.5, 1.8) + 0.01), within(1e-6f));
        assertThat(out.get(2, 0, 0)).isCloseTo((float) (0.70 * Math.pow(0.5, 1.8) + 0.03), within(1e-6f));
    }

    @Test
    void aSketchOfAFlatImageIsWhiteAndOfAnEdgeDarkensItsDarkSide() {
        float[] flat = new float[3 * 8 * 8];
        java.util.Arrays.fill(flat, 0.4f);
        FloatImage white = Look.PENCIL_SKETCH.apply(FloatImage.wrap(3, 8, 8, 8, flat));
        assertThat(white.get(1, 4, 4)).isCloseTo(1f, within(1e-5f));
        float[] edge = new float[3 * 16 * 16];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 8; x < 16; x++) {
                    edge[(c * 16 + y) * 16 + x] = 0.8f;
                }
                for (int x = 0; x < 8; x++) {
                    edge[(c * 16 + y) * 16 + x] = 0.2f;
                }
            }
        }
        FloatImage sketch = Look.PENCIL_SKETCH.apply(FloatImage.wrap(3, 16, 16, 8, edge));
        assertThat(sketch.get(0, 8, 7)).isLessThan(0.7f);
        assertThat(sketch.get(0, 8, 0)).isGreaterThan(0.95f);
        assertThat(sketch.get(0, 8, 12)).isEqualTo(1f);
        assertThat(sketch.get(0, 8, 7)).isEqualTo(sketch.get(2, 8, 7));
    }

    @Test
    void labelsRoundTrip() {
        for (Look look : Look.values()) {
            assertThat(Look.forLabel(look.label())).contains(look);
        }
        assertThat(Look.forLabel("photo")).isEmpty();
    }
}
