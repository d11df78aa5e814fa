package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.restore.SyntheticImages;
import org.junit.jupiter.api.Test;

class InpaintMetricsTest {

    private static FloatImage flat(int h, int w, int level) {
        float[] s = new float[3 * h * w];
        java.util.Arrays.fill(s, level / 255f);
        return FloatImage.wrap(3, h, w, 8, s);
    }

    @Test
    void holePsnrCountsOnlyTheHole() {
        FloatImage clean = flat(30, 30, 100);
        float[] result = clean.toArray();
        Mask hole = Mask.box(30, 30, 10, 10, 5, 5);
        for (int c = 0; c < 3; c++) {
            for (int y = 10; y < 15; y++) {
                for (int x = 10; x < 15; x++) {
                    result[(c * 30 + y) * 30 + x] = 105 / 255f;
                }
            }
        }
        result[0] = 0f; // outside the hole: ignored

        double psnr = InpaintMetrics.holePsnr(clean, FloatImage.wrap(3, 30, 30, 8, result), hole);

        assertThat(psnr).isCloseTo(10 * Math.log10(255.0 * 255.0 / 25), within(1e-9));
    }

    @Test
    void seamIsZeroForAPerfectFillAndGrowsWithAStep() {
        FloatImage clean = SyntheticImages.smooth(3, 40, 40);
        Mask hole = Mask.box(40, 40, 10, 10, 20, 20);
        float[] offset = clean.toArray();
        for (int c = 0; c < 3; c++) {
            for (int y = 10; y < 30; y++) {
                for (int x = 10; x < 30; x++) {
                    offset[(c * 40 + y) * 40 + x] += 20 / 255f;
                }
            }
        }

        assertThat(InpaintMetrics.seam(clean, clean, hole)).isZero();
        assertThat(InpaintMetrics.seam(clean, FloatImage.wrap(3, 40, 40, 8, offset), hole))
                .isGreaterThan(3);
    }

    @Test
    void holeSsimIsOneForAPerfectFill() {
        FloatImage clean = SyntheticImages.textured(3, 40, 40, 1);

        assertThat(InpaintMetrics.holeSsim(clean, clean, Mask.box(40, 40, 12, 12, 10, 10)))
                .isCloseTo(1.0, within(1e-12));
    }
}
