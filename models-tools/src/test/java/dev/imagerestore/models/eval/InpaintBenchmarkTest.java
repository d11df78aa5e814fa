package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InpaintBenchmarkTest {

    @BeforeAll
    static void singleThreaded() {
        TorchThreads.configure(1);
    }

    private static FloatImage ramp(int h, int w) {
        float[] samples = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    samples[(c * h + y) * w + x] = (Math.round(255 * (0.2 + 0.5 * x / w + 0.1 * c)) / 255f);
                }
            }
        }
        return FloatImage.wrap(3, h, w, 8, samples);
    }

    @Test
    void scoresTheDiffusionFillAndItsFirstGuessOnTheSameBox() {
        Inpainter inpainter = Inpainter.builder()
                .setNetwork(TestNetworks.localMean(4, 2))
                .optSamples(1)
                .optSteps(4)
                .optTileSize(64)
                .optOverlap(16)
                .build();
        InpaintBenchmark benchmark = InpaintBenchmark.builder()
                .setInpainter(inpainter)
                .setMasks(InpaintBenchmark.Masks.BOX64)
                .optSeed(3)
                .build();

        InpaintReport.Image result = benchmark.evaluate("ramp", ramp(96, 128), 3);

        Map<String, InpaintReport.Score> scores =
                result.scores().stream().collect(Collectors.toMap(InpaintReport.Score::method, Function.identity()));
        assertThat(scores).containsOnlyKeys(InpaintReport.MODEL, InpaintReport.FIRST_GUESS);
        assertThat(result.maskedFraction()).isEqualTo(64.0 * 64 / (96 * 128));
        // A horizontal ramp is harmonic: the first guess continues it into the box almost exactly,
        // where blacked-out pixels would score about 7 dB.
        assertThat(scores.get(InpaintReport.FIRST_GUESS).holePsnr()).isGreaterThan(45);
        assertThat(scores.get(InpaintReport.MODEL).holePsnr()).isGreaterThan(20).isFinite();
    }

    @Test
    void theDetectorAloneNeedsNoInpainterAndScoresNoFill() {
        InpaintBenchmark benchmark = InpaintBenchmark.builder()
                .setMasks(InpaintBenchmark.Masks.AUTO_SYNTHETIC)
                .optRepair(false)
                .optSeed(5)
                .build();

        InpaintReport.Image result = benchmark.evaluate("ramp", ramp(96, 128), 5);

        assertThat(result.scores()).isEmpty();
        assertThat(result.detection()).isNotNull();
        assertThat(result.detection().recall()).isBetween(0.0, 1.0);
        assertThatThrownBy(() -> InpaintBenchmark.builder()
                        .setMasks(InpaintBenchmark.Masks.BOX64)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only optRepair(false) (the detector alone) does without an inpainter");
    }
}
