package dev.imagerestore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.eval.PeerDenoiser;
import dev.imagerestore.models.eval.PeerDenoisers;
import dev.imagerestore.models.eval.Psnr;
import dev.imagerestore.models.image.FloatImage;
import org.junit.jupiter.api.Test;

class OpenCvNonLocalMeansTest {

    /** Smooth sinusoidal shading with a bright square: easy for non-local means. */
    private static FloatImage clean(int channels) {
        int h = 64;
        int w = 80;
        float[] s = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.45 + 0.2 * Math.sin(0.08 * x + c) * Math.cos(0.06 * y);
                    if (y > 20 && y < 40 && x > 30 && x < 55) {
                        v += 0.25;
                    }
                    s[(c * h + y) * w + x] = Math.round(v * 255) / 255f;
                }
            }
        }
        return FloatImage.wrap(channels, h, w, 8, s);
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(PeerDenoisers.load(getClass().getClassLoader()))
                .extracting(PeerDenoiser::name)
                .contains("opencv-nlmeans");
    }

    @Test
    void colourAndGrayDenoisingRaisePsnrAndKeepTheChannelOrder() {
        OpenCvNonLocalMeans peer = new OpenCvNonLocalMeans();
        for (int channels : new int[] {3, 1}) {
            FloatImage clean = clean(channels);
            FloatImage noisy = Awgn.quantize8Bit(Awgn.add(clean, 25, channels));
            FloatImage restored = peer.denoise(noisy, 25);
            assertThat(restored.channels()).isEqualTo(channels);
            assertThat(Psnr.of8Bit(clean, restored))
                    .as("%d channels", channels)
                    .isGreaterThan(Psnr.of8Bit(clean, noisy) + 5);
        }
    }

    @Test
    void matConversionRoundTripsEightBitImages() {
        FloatImage image = clean(3);
        assertThat(OpenCvNonLocalMeans.fromMat(OpenCvNonLocalMeans.toMat(image), 3, 64, 80))
                .isEqualTo(image);
    }

    @Test
    void sweepScalesWithTheNoiseLevel() {
        assertThat(new OpenCvNonLocalMeans().sweep(20)).containsExactly(8, 10, 12, 16, 20, 24);
    }
}
