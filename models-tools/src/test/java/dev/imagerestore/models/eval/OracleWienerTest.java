package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.SyntheticImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OracleWienerTest {

    private static FloatImage noisy(FloatImage clean, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = clean.toArray();
        for (int i = 0; i < samples.length; i++) {
            // Box-Muller from the seeded stream, so the golden values do not depend on java.util.Random
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            samples[i] += (float) (sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return FloatImage.wrap(clean.channels(), clean.height(), clean.width(), clean.bitDepth(), samples);
    }

    @Test
    void withoutNoiseTheEstimateIsTheImage() {
        for (int channels : new int[] {1, 3}) {
            FloatImage clean = SyntheticImages.textured(channels, 20, 27, 4);
            FloatImage estimate = OracleWiener.estimate(clean, clean, 0);
            float[] a = clean.toArray();
            float[] b = estimate.toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as("sample %d of %d channels", i, channels).isCloseTo(a[i], offset(1e-5f));
            }
        }
    }

    @Test
    void aFlatImageLosesAllOfItsNoise() {
        float[] grey = new float[3 * 16 * 16];
        java.util.Arrays.fill(grey, 0.5f);
        FloatImage clean = FloatImage.wrap(3, 16, 16, 8, grey);
        // every AC coefficient of the clean image is zero, so the oracle keeps only the block means, whose
        // noise is sigma / 8 per block and averages down further over the overlapping blocks
        float[] estimate =
                OracleWiener.estimate(clean, noisy(clean, 0.2, 1), 0.2).toArray();
        for (float v : estimate) {
            assertThat(v).isCloseTo(0.5f, offset(0.03f));
        }
    }

    /**
     * Against an independent numpy implementation (explicit DCT matrices, every 8x8 block in a loop)
     * on integer patterns with a deterministic, noise-like perturbation of amplitude sigma = 0.2:
     * planes (7y + 13x + 3xy), (3xy + 40), (255 - 9x - 5y^2), each mod 256 over 255, perturbed by
     * 2 sigma (((131c + 31y + 17x) 37 mod 101) / 100 - 1/2).
     */
    @Test
    void matchesAnIndependentImplementation() {
        int h = 12;
        int w = 14;
        double sigma = 0.2;
        float[] clean = new float[3 * h * w];
        float[] noisy = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = switch (c) {
                        case 0 -> 7 * y + 13 * x + 3 * x * y;
                        case 1 -> 3 * x * y + 40;
                        default -> 255 - 9 * x - 5 * y * y;
                    };
                    int i = (c * h + y) * w + x;
                    clean[i] = (float) (Math.floorMod(v, 256) / 255.0);
                    noisy[i] =
                            (float) (clean[i] + sigma * 2 * (((c * 131 + y * 31 + x * 17) * 37 % 101) / 100.0 - 0.5));
                }
            }
        }
        float[] estimate = OracleWiener.estimate(
                        FloatImage.wrap(3, h, w, 8, clean), FloatImage.wrap(3, h, w, 8, noisy), sigma)
                .toArray();
        double sum = 0;
        for (float v : estimate) {
            sum += v;
        }
        assertThat(sum).isCloseTo(237.928773, offset(1e-3));
        assertThat(estimate[(0 * h + 6) * w + 7]).isCloseTo(0.264810f, offset(1e-5f));
        assertThat(estimate[(1 * h + 5) * w + 6]).isCloseTo(0.462698f, offset(1e-5f));
        assertThat(estimate[(2 * h + 11) * w + 13]).isCloseTo(0.324036f, offset(1e-5f));
    }

    @Test
    void moreNoiseKeepsLessButAlwaysMoreThanTheNoisyInput() {
        FloatImage clean = SyntheticImages.textured(3, 32, 40, 7);
        double previous = Double.POSITIVE_INFINITY;
        for (double sigma : new double[] {0.02, 0.05, 0.1, 0.3, 1.0}) {
            FloatImage observed = noisy(clean, sigma, 11);
            double psnr = Psnr.of8Bit(clean, OracleWiener.estimate(clean, observed, sigma));
            assertThat(psnr).as("sigma %s", sigma).isLessThan(previous).isGreaterThan(Psnr.of8Bit(clean, observed) + 1);
            previous = psnr;
        }
    }

    @Test
    void refusesWhatItCannotFilter() {
        FloatImage rgb = SyntheticImages.textured(3, 16, 16, 1);
        assertThatThrownBy(() -> OracleWiener.estimate(rgb, SyntheticImages.textured(3, 16, 18, 1), 0.1))
                .hasMessageContaining("3x16x18")
                .hasMessageContaining("3x16x16");
        FloatImage two = FloatImage.wrap(2, 16, 16, 8, new float[2 * 16 * 16]);
        assertThatThrownBy(() -> OracleWiener.estimate(two, two, 0.1)).hasMessageContaining("got 2 channels");
        FloatImage small = SyntheticImages.textured(1, 7, 30, 1);
        assertThatThrownBy(() -> OracleWiener.estimate(small, small, 0.1))
                .hasMessageContaining("30x7")
                .hasMessageContaining("8x8");
        assertThatThrownBy(() -> OracleWiener.estimate(rgb, rgb, -0.5)).hasMessageContaining("got -0.5");
        assertThatThrownBy(() -> OracleWiener.estimate(rgb, rgb, Double.NaN)).hasMessageContaining("got NaN");
    }
}
