package dev.imagerestore.models.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.image.FloatImage;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class AwgnTest {

    private static final FloatImage FLAT = FloatImage.wrap(3, 200, 150, 16, filled(3 * 200 * 150, 0.02f));

    @Test
    void noiseHasTheRequestedDeviationAndIsNotClipped() {
        FloatImage noisy = Awgn.add(FLAT, 25, 3);
        FloatBuffer s = noisy.samples();
        double sum = 0;
        double squares = 0;
        float min = Float.MAX_VALUE;
        for (int i = 0; i < s.remaining(); i++) {
            double d = s.get(i) - 0.02;
            sum += d;
            squares += d * d;
            min = Math.min(min, s.get(i));
        }
        int n = s.remaining();
        double sd = Math.sqrt(squares / n - (sum / n) * (sum / n)) * 255;
        assertThat(sd).isCloseTo(25, offset(25 * 4 / Math.sqrt(2.0 * n)));
        assertThat(sum / n * 255).isCloseTo(0, offset(4 * 25 / Math.sqrt(n)));
        assertThat(min).as("values below 0 are kept").isLessThan(-0.1f);
        assertThat(noisy.bitDepth()).isEqualTo(16);
    }

    @Test
    void theSeedFixesTheNoise() {
        assertThat(Awgn.add(FLAT, 15, 7)).isEqualTo(Awgn.add(FLAT, 15, 7));
        assertThat(Awgn.add(FLAT, 15, 7)).isNotEqualTo(Awgn.add(FLAT, 15, 8));
    }

    @Test
    void eightBitQuantisationClampsAndRounds() {
        FloatImage image = FloatImage.wrap(1, 1, 4, 16, new float[] {-0.2f, 0.5f, 1.3f, 100.4f / 255f});
        assertThat(Awgn.quantize8Bit(image).toArray()).containsExactly(0f, 128 / 255f, 1f, 100 / 255f);
        assertThat(Awgn.quantize8Bit(image).bitDepth()).isEqualTo(8);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
