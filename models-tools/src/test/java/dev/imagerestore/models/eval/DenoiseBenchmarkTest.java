package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenoiseBenchmarkTest {

    private static Denoiser localMean(int refineSteps) {
        return Denoiser.builder()
                .setNetwork(TestNetworks.localMean(4, 2))
                .optTileSize(32)
                .optOverlap(8)
                .optRefineSteps(refineSteps)
                .build();
    }

    @Test
    void scoresTheDenoisedImageAboveTheNoisyOne() {
        DenoiseBenchmark benchmark = DenoiseBenchmark.builder()
                .setDenoiser(localMean(0))
                .setSigma(25)
                .optSeed(5)
                .optRefiner(localMean(3))
                .build();
        ImageResult r = benchmark.evaluate("smooth", SyntheticImages.smooth(3, 64, 72), 5);
        double expectedNoisyPsnr = 10 * Math.log10(255.0 * 255.0 / (25.0 * 25.0 + 1.0 / 12));
        assertThat(r.noisyPsnr()).isCloseTo(expectedNoisyPsnr, offset(0.3));
        assertThat(r.psnr()).isGreaterThan(r.noisyPsnr() + 5);
        assertThat(r.ssim()).isGreaterThan(r.noisySsim());
        assertThat(r.refinedPsnr()).isGreaterThan(r.noisyPsnr() + 3);
        assertThat(r.estimatedSigma()).isNull();
        assertThat(r.secondsPerMegapixel()).isPositive();
    }

    @Test
    void blindRunsReportTheEstimateAndItsError() {
        DenoiseBenchmark benchmark = DenoiseBenchmark.builder()
                .setDenoiser(localMean(0))
                .setSigma(30)
                .optBlind(true)
                .optGrayscale(true)
                .build();
        ImageResult r = benchmark.evaluate("smooth", SyntheticImages.smooth(3, 64, 72), 1);
        assertThat(r.channels()).isEqualTo(1);
        assertThat(r.estimatedSigma()).isCloseTo(30, offset(2.0));
        assertThat(r.sigmaError()).isEqualTo(r.estimatedSigma() - 30);
    }

    @Test
    void jpegSavedNoiseIsWhatTheDenoiserAndTheScoresSee() {
        FloatImage clean = SyntheticImages.smooth(3, 64, 72);
        DenoiseBenchmark plain = DenoiseBenchmark.builder()
                .setDenoiser(localMean(0))
                .setSigma(20)
                .optBlind(true)
                .build();
        DenoiseBenchmark jpeg = DenoiseBenchmark.builder()
                .setDenoiser(localMean(0))
                .setSigma(20)
                .optBlind(true)
                .optJpegQuality(0.9f)
                .build();
        ImageResult white = plain.evaluate("smooth", clean, 2);
        ImageResult saved = jpeg.evaluate("smooth", clean, 2);
        assertThat(saved.noisyPsnr()).as("JPEG smooths the chroma of the grain").isGreaterThan(white.noisyPsnr() + 0.5);
        assertThat(saved.estimatedSigma()).as("the grain left in luma is found").isBetween(8.0, 18.0);
        assertThat(saved.psnr()).isGreaterThan(saved.noisyPsnr() + 3);
        assertThatThrownBy(() -> DenoiseBenchmark.builder()
                        .setDenoiser(localMean(0))
                        .setSigma(20)
                        .optJpegQuality(1.5f)
                        .build())
                .hasMessage("JPEG quality must be in (0, 1], or 0 for none, got 1.5");
    }

    @Test
    void peersAreScoredAtTheBestValueOfTheirSweepOnTheEightBitNoisyImage() {
        BoxFilterPeer peer = new BoxFilterPeer();
        DenoiseBenchmark benchmark = DenoiseBenchmark.builder()
                .setDenoiser(localMean(0))
                .setSigma(25)
                .optSeed(2)
                .optPeers(List.of(peer))
                .build();
        FloatImage clean = SyntheticImages.smooth(3, 48, 48);
        ImageResult r = benchmark.evaluate("smooth", clean, 2);
        FloatImage noisy8 = Awgn.quantize8Bit(Awgn.add(clean, 25, 2));
        double best = Double.NEGATIVE_INFINITY;
        for (double radius : peer.sweep(25)) {
            best = Math.max(best, Psnr.of8Bit(clean, peer.denoise(noisy8, radius)));
        }
        assertThat(r.peers()).hasSize(1);
        assertThat(r.peers().get(0).name()).isEqualTo("box");
        assertThat(r.peers().get(0).psnr()).isEqualTo(best);
        assertThat(r.peers().get(0).parameter()).isGreaterThan(0);
    }

    @Test
    void reportAveragesImagesAndSerialisesToJson() {
        DenoiseBenchmark benchmark = DenoiseBenchmark.builder()
                .setDenoiser(localMean(0))
                .setSigma(25)
                .build();
        ImageResult a = benchmark.evaluate("a", SyntheticImages.smooth(3, 40, 40), 0);
        ImageResult b = benchmark.evaluate("b", SyntheticImages.textured(3, 40, 40, 3), 1);
        DenoiseReport report = DenoiseReport.of("local-mean", 25, false, 0, false, 0, 1, 0, List.of(a, b));
        assertThat(report.mean().psnr()).isCloseTo((a.psnr() + b.psnr()) / 2, offset(1e-12));
        assertThat(report.mean().refinedPsnr()).isNull();
        JsonObject json = JsonParser.parseString(report.toJson()).getAsJsonObject();
        assertThat(json.getAsJsonArray("images")).hasSize(2);
        assertThat(json.getAsJsonObject("mean").get("ssim").getAsDouble())
                .isEqualTo(report.mean().ssim());
        assertThat(ReportText.line(a))
                .startsWith("a ")
                .contains(String.format(java.util.Locale.ROOT, "%.2f", a.psnr()));
        assertThat(ReportText.summary(report)).startsWith("mean of 2");
    }

    /** A testing peer: a (2r+1)^2 box filter, r swept over 0..3. */
    static final class BoxFilterPeer implements PeerDenoiser {

        @Override
        public String name() {
            return "box";
        }

        @Override
        public String parameterName() {
            return "r";
        }

        @Override
        public double[] sweep(double pixelSigma) {
            return new double[] {0, 1, 2, 3};
        }

        @Override
        public FloatImage denoise(FloatImage noisy, double parameter) {
            int r = (int) parameter;
            int h = noisy.height();
            int w = noisy.width();
            float[] out = new float[noisy.channels() * h * w];
            for (int c = 0; c < noisy.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double sum = 0;
                        int n = 0;
                        for (int dy = Math.max(0, y - r); dy <= Math.min(h - 1, y + r); dy++) {
                            for (int dx = Math.max(0, x - r); dx <= Math.min(w - 1, x + r); dx++) {
                                sum += noisy.get(c, dy, dx);
                                n++;
                            }
                        }
                        out[(c * h + y) * w + x] = (float) (sum / n);
                    }
                }
            }
            return FloatImage.wrap(noisy.channels(), h, w, noisy.bitDepth(), out);
        }
    }
}
