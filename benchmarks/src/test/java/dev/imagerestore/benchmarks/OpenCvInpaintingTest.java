package dev.imagerestore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.eval.InpaintMetrics;
import dev.imagerestore.models.eval.PeerDenoisers;
import dev.imagerestore.models.eval.PeerInpainter;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import org.junit.jupiter.api.Test;

class OpenCvInpaintingTest {

    /** A red-green horizontal ramp: smooth, so both methods fill a hole in it closely. */
    private static FloatImage ramp(int h, int w) {
        float[] s = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s[y * w + x] = Math.round(255 * (0.2 + 0.6 * x / w)) / 255f;
                s[h * w + y * w + x] = 0.5f;
                s[2 * h * w + y * w + x] = Math.round(255 * (0.8 - 0.6 * x / w)) / 255f;
            }
        }
        return FloatImage.wrap(3, h, w, 8, s);
    }

    @Test
    void bothMethodsAreFoundThroughTheServiceLoader() {
        assertThat(PeerDenoisers.loadInpainters(getClass().getClassLoader()))
                .extracting(PeerInpainter::name)
                .containsExactly("opencv-telea", "opencv-ns");
    }

    @Test
    void fillsAHoleInASmoothRampCloselyAndKeepsTheChannelOrder() {
        FloatImage clean = ramp(48, 64);
        Mask hole = Mask.box(48, 64, 20, 28, 6, 6);
        float[] damaged = clean.toArray();
        for (int c = 0; c < 3; c++) {
            for (int y = 20; y < 26; y++) {
                for (int x = 28; x < 34; x++) {
                    damaged[(c * 48 + y) * 64 + x] = 0f;
                }
            }
        }
        FloatImage input = FloatImage.wrap(3, 48, 64, 8, damaged);

        for (PeerInpainter peer :
                new PeerInpainter[] {new OpenCvInpainting.Telea(), new OpenCvInpainting.NavierStokes()}) {
            FloatImage out = peer.inpaint(input, hole);

            assertThat(InpaintMetrics.holePsnr(clean, out, hole))
                    .as(peer.name())
                    .isGreaterThan(35);
            assertThat(out.get(0, 0, 0)).isEqualTo(clean.get(0, 0, 0));
            assertThat(out.get(2, 0, 0)).isEqualTo(clean.get(2, 0, 0));
        }
    }
}
