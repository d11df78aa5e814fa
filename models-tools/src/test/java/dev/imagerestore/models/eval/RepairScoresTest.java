package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RepairScoresTest {

    private static FloatImage flat(float value) {
        float[] samples = new float[16 * 16];
        Arrays.fill(samples, value);
        return FloatImage.wrap(1, 16, 16, 8, samples);
    }

    @Test
    void meansWholeImageAndDamageScoresPerMethodInTheOrderTheyCame() {
        FloatImage clean = flat(0.5f);
        Mask box = Mask.box(16, 16, 0, 0, 4, 4);
        // 16 of 256 pixels off by 51 levels (0.2): whole MSE 162.5625, inside the damage MSE 2601
        float[] samples = clean.toArray().clone();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                samples[y * 16 + x] = 0.7f;
            }
        }
        FloatImage damaged = FloatImage.wrap(1, 16, 16, 8, samples);
        RepairScores scores = new RepairScores();

        scores.add("input", clean, damaged, box, -1);
        scores.add("repair", clean, damaged, box, 0.5);
        scores.add("repair", clean, damaged, Mask.empty(16, 16), 1.5);

        assertThat(scores.methods()).containsExactly("input", "repair");
        assertThat(scores.psnr("input")).isCloseTo(10 * Math.log10(255.0 * 255 / 162.5625), within(1e-3));
        assertThat(scores.damagePsnr("input")).isCloseTo(10 * Math.log10(255.0 * 255 / 2601), within(1e-3));
        assertThat(scores.damagePsnr("repair"))
                .as("the undamaged image is left out of the damage PSNR")
                .isCloseTo(scores.damagePsnr("input"), within(1e-9));
        assertThat(scores.secondsPerMegapixel("input")).isNaN();
        assertThat(scores.secondsPerMegapixel("repair")).isCloseTo(2.0 / (2 * 256 / 1e6), within(1e-6));
        assertThat(scores.table()).contains("input").contains("repair").contains("3906.25");
    }

    @Test
    void anUnknownMethodIsNamedWithTheScoredOnes() {
        RepairScores scores = new RepairScores();
        scores.add("input", flat(0.5f), flat(0.4f), Mask.empty(16, 16), -1);

        assertThatThrownBy(() -> scores.psnr("repair"))
                .hasMessageContaining("'repair'")
                .hasMessageContaining("[input]");
        assertThat(scores.damagePsnr("input")).isNaN();
    }
}
