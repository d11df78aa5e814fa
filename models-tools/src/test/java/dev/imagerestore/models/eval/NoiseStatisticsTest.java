package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseStatisticsTest {

    private static FloatImage grey(int channels, int side, float value) {
        float[] samples = new float[channels * side * side];
        java.util.Arrays.fill(samples, value);
        return FloatImage.wrap(channels, side, side, 8, samples);
    }

    @Test
    void whiteNoiseHasItsLevelAndNoCorrelation() {
        FloatImage clean = grey(3, 256, 0.4f);
        NoiseStatistics statistics = new NoiseStatistics();
        statistics.add(Awgn.add(clean, 10, 1), clean);
        statistics.add(Awgn.add(clean, 10, 2), clean);

        NoiseStatistics.Summary s = statistics.summary();

        assertThat(s.images()).isEqualTo(2);
        assertThat(s.std()).containsExactly(new double[] {10, 10, 10}, within(0.15));
        // the luma averages three independent channels
        assertThat(s.lumaStd()).isCloseTo(10 / Math.sqrt(3), within(0.1));
        for (double[] lags : s.correlation()) {
            assertThat(lags).containsExactly(new double[NoiseStatistics.MAX_LAG], within(0.01));
        }
        assertThat(s.betweenChannels()).containsExactly(new double[3], within(0.01));
        // 0.4 * 255 = 102 levels: the fourth bin (96-127) holds every pixel
        assertThat(s.toneShare()[3]).isEqualTo(1.0);
        assertThat(s.toneStd()[3]).isCloseTo(s.lumaStd(), within(1e-9));
        assertThat(s.toneStd()[0]).isNaN();
        // a flat picture: every pixel in the lowest contrast bin
        assertThat(s.contrastShare()[0]).isEqualTo(1.0);
        assertThat(s.contrastStd()[0]).isCloseTo(s.lumaStd(), within(1e-9));
    }

    @Test
    void noiseLeftOnlyWhereThePictureHasDetailIsSeenInTheContrastBins() {
        int side = 128;
        float[] picture = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                // left half flat, right half columns alternating by 40 levels
                picture[y * side + x] = x < side / 2 ? 0.4f : (x % 2 == 0 ? 0.4f : 0.4f + 40 / 255f);
            }
        }
        FloatImage clean = FloatImage.wrap(1, side, side, 8, picture);
        SplittableRandom random = new SplittableRandom(3);
        float[] noisy = picture.clone();
        for (int y = 0; y < side; y++) {
            for (int x = side / 2; x < side; x++) {
                noisy[y * side + x] += (float) (6 * random.nextGaussian() / 255);
            }
        }
        NoiseStatistics statistics = new NoiseStatistics();
        statistics.add(FloatImage.wrap(1, side, side, 8, noisy), clean);

        NoiseStatistics.Summary s = statistics.summary();

        int top = NoiseStatistics.CONTRAST_EDGES.length - 1;
        // the flat half and the striped half, each half the pixels
        assertThat(s.contrastShare()[0] + s.contrastShare()[top]).isEqualTo(1.0, within(1e-9));
        assertThat(s.contrastShare()[top]).isEqualTo(0.5, within(1e-9));
        // the mean removed per image shifts the flat half by the noise's mean only: near zero
        assertThat(s.contrastStd()[0]).isLessThan(0.3);
        assertThat(s.contrastStd()[top]).isCloseTo(6, within(0.2));
    }

    @Test
    void noiseAveragedOverTwoByTwoPixelsAndSharedByTheChannelsHasItsClosedFormCorrelations() {
        int side = 256;
        SplittableRandom random = new SplittableRandom(5);
        double[] white = new double[(side + 1) * (side + 1)];
        for (int i = 0; i < white.length; i++) {
            white[i] = random.nextGaussian();
        }
        FloatImage clean = grey(3, side, 0.5f);
        float[] noisy = clean.toArray();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * (side + 1) + x;
                double box = (white[i] + white[i + 1] + white[i + side + 1] + white[i + side + 2]) / 2;
                for (int c = 0; c < 3; c++) {
                    noisy[(c * side + y) * side + x] += (float) (5 * box / 255);
                }
            }
        }
        NoiseStatistics statistics = new NoiseStatistics();
        statistics.add(FloatImage.wrap(3, side, side, 8, noisy), clean);

        NoiseStatistics.Summary s = statistics.summary();

        // a 2x2 box of unit white noise, halved: variance 1, so std 5; neighbours share half the box
        assertThat(s.lumaStd()).isCloseTo(5, within(0.1));
        assertThat(s.lumaCorrelation()[0]).isCloseTo(0.5, within(0.02));
        assertThat(s.lumaCorrelation()[1]).isCloseTo(0, within(0.02));
        assertThat(s.betweenChannels()).containsExactly(new double[] {1, 1, 1}, within(1e-6));
    }

    @Test
    void aShiftOfExposureIsNotNoiseAndMismatchedImagesAreRefused() {
        FloatImage clean = grey(1, 64, 0.5f);
        NoiseStatistics statistics = new NoiseStatistics();
        statistics.add(grey(1, 64, 0.55f), clean);

        assertThat(statistics.summary().lumaStd()).isCloseTo(0, within(1e-4));
        assertThat(statistics.summary().betweenChannels()).isEmpty();
        assertThatThrownBy(() -> statistics.add(grey(3, 64, 0.5f), grey(3, 64, 0.5f)))
                .hasMessageContaining("an image of 3 channels after images of 1");
        assertThatThrownBy(() -> statistics.add(grey(1, 32, 0.5f), clean)).hasMessageContaining("must match");
    }

    @Test
    void aReferenceThatMovedIsToldApartFromNoise() {
        int side = 128;
        float[] reference = new float[side * side];
        float[] moved = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                reference[y * side + x] = (float) (0.5 + 0.3 * Math.sin(x / 5.0) * Math.cos(y / 7.0));
                // the same picture 0.3 px to the left and 0.4 px up: a shift of length 0.5
                moved[y * side + x] = (float) (0.5 + 0.3 * Math.sin((x + 0.3) / 5.0) * Math.cos((y + 0.4) / 7.0));
            }
        }
        FloatImage clean = FloatImage.wrap(1, side, side, 8, reference);
        NoiseStatistics shifted = new NoiseStatistics();
        shifted.add(FloatImage.wrap(1, side, side, 8, moved), clean);
        NoiseStatistics noisy = new NoiseStatistics();
        noisy.add(Awgn.add(clean, 5, 4), clean);

        assertThat(shifted.summary().motionShare()).isGreaterThan(0.95);
        assertThat(shifted.summary().medianShift()).isCloseTo(0.5, within(0.03));
        assertThat(noisy.summary().motionShare()).isLessThan(0.01);
    }
}
