package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.image.FloatImage;
import org.junit.jupiter.api.Test;

/**
 * PSNR and SSIM against values computed independently with numpy (a direct, non-separable 11x11
 * Gaussian-window loop over every valid position, as in Wang et al.'s ssim_index.m) on the integer
 * test patterns built below.
 */
class MetricsTest {

    /** Gray 16x20: a = (7y + 13x + 3xy) mod 256, b = clip(a + ((xy + 2x + y) mod 9) - 4 + 20 [(x + y) mod 5 == 0]). */
    private static FloatImage[] grayPair() {
        int h = 16;
        int w = 20;
        float[] a = new float[h * w];
        float[] b = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int va = (7 * y + 13 * x + 3 * x * y) % 256;
                int vb = va + (x * y + 2 * x + y) % 9 - 4 + ((x + y) % 5 == 0 ? 20 : 0);
                a[y * w + x] = va / 255f;
                b[y * w + x] = Math.max(0, Math.min(255, vb)) / 255f;
            }
        }
        return new FloatImage[] {FloatImage.wrap(1, h, w, 8, a), FloatImage.wrap(1, h, w, 8, b)};
    }

    /** Colour 20x24: planes (5y + 11x), (3xy + 40), (255 - 2x - y) mod 256, plus 3 x small integer patterns. */
    private static FloatImage[] colourPair() {
        int h = 20;
        int w = 24;
        float[] a = new float[3 * h * w];
        float[] b = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] va = {(5 * y + 11 * x) % 256, (3 * x * y + 40) % 256, Math.floorMod(255 - 2 * x - y, 256)};
                int[] noise = {(x * y) % 7 - 3, (x + 2 * y) % 11 - 5, (x * x + y) % 13 - 6};
                for (int c = 0; c < 3; c++) {
                    a[(c * h + y) * w + x] = va[c] / 255f;
                    b[(c * h + y) * w + x] = Math.max(0, Math.min(255, va[c] + 3 * noise[c])) / 255f;
                }
            }
        }
        return new FloatImage[] {FloatImage.wrap(3, h, w, 8, a), FloatImage.wrap(3, h, w, 8, b)};
    }

    @Test
    void psnrMatchesTheNumpyReference() {
        FloatImage[] gray = grayPair();
        FloatImage[] colour = colourPair();
        assertThat(Psnr.of8Bit(gray[0], gray[1])).isCloseTo(29.122696044460948, offset(1e-9));
        assertThat(Psnr.of8Bit(colour[0], colour[1])).isCloseTo(28.8505098535257, offset(1e-9));
    }

    @Test
    void ssimMatchesTheNumpyReference() {
        FloatImage[] gray = grayPair();
        FloatImage[] colour = colourPair();
        assertThat(Ssim.of8Bit(gray[0], gray[1])).isCloseTo(0.9938842718315151, offset(1e-9));
        assertThat(Ssim.of8Bit(colour[0], colour[1])).isCloseTo(0.7887780260525958, offset(1e-9));
    }

    @Test
    void identicalImagesScoreInfinityAndOne() {
        FloatImage[] colour = colourPair();
        assertThat(Psnr.of8Bit(colour[0], colour[0])).isInfinite();
        assertThat(Ssim.of8Bit(colour[0], colour[0])).isEqualTo(1.0);
    }

    @Test
    void outputIsClampedAndRoundedToEightBitsBeforeScoring() {
        FloatImage[] gray = grayPair();
        float[] shifted = gray[1].toArray();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += (i % 2 == 0 ? 0.4f : -0.4f) / 255f;
            if (shifted[i] <= 0) {
                shifted[i] = -0.3f;
            }
        }
        FloatImage unrounded = FloatImage.wrap(1, 16, 20, 8, shifted);
        assertThat(Psnr.of8Bit(gray[0], unrounded)).isEqualTo(Psnr.of8Bit(gray[0], gray[1]));
        assertThat(Ssim.of8Bit(gray[0], unrounded)).isEqualTo(Ssim.of8Bit(gray[0], gray[1]));
    }

    @Test
    void mismatchedImagesAreRejected() {
        FloatImage[] gray = grayPair();
        FloatImage[] colour = colourPair();
        assertThatThrownBy(() -> Psnr.of8Bit(gray[0], colour[0])).hasMessageContaining("channels and size must match");
        FloatImage tiny = FloatImage.wrap(1, 8, 8, 8, new float[64]);
        assertThatThrownBy(() -> Ssim.of8Bit(tiny, tiny)).hasMessageContaining("at least 11x11 pixels, got 8x8");
    }
}
