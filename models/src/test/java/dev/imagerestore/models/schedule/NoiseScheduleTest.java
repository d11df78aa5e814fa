package dev.imagerestore.models.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden values of {@link NoiseSchedule}. Every literal was computed independently in double
 * precision with python3 from the closed forms quoted next to it, not with this class.
 */
class NoiseScheduleTest {

    private static final Offset<Double> EXACT = within(1e-15);
    private static final Offset<Double> CLOSE = within(1e-12);

    private final NoiseSchedule linear = NoiseSchedule.ddpmLinear();
    private final NoiseSchedule cosine = NoiseSchedule.cosine(1000, 0.008);

    @Test
    void linearBetasFollowDdpmLinspace() {
        // DDPM (Ho et al. 2020): beta_t = 1e-4 + (0.02 - 1e-4) t / 999
        assertThat(linear.beta(0)).isCloseTo(0.0001, EXACT);
        assertThat(linear.beta(500)).isCloseTo(0.01005995995995996, EXACT);
        assertThat(linear.beta(999)).isCloseTo(0.02, EXACT);
        assertThat(linear.steps()).isEqualTo(1000);
    }

    @Test
    void linearAlphaBarIsTheProductOfOneMinusBeta() {
        // ab_t = prod_{s <= t} (1 - beta_s)
        assertThat(linear.alphaBar(0)).isCloseTo(0.9999, EXACT);
        assertThat(linear.alphaBar(9)).isCloseTo(0.9981052047858344, CLOSE);
        assertThat(linear.alphaBar(499)).isCloseTo(0.07858724288177821, CLOSE);
        assertThat(linear.alphaBar(999)).isCloseTo(4.0358297653756754e-05, within(1e-17));
        assertThat(linear.alphaBar(-1)).isEqualTo(1.0);
    }

    @Test
    void cosineScheduleFollowsImprovedDdpmWithBetaClipping() {
        // Nichol & Dhariwal 2021: f(t) = cos^2(((t/T) + s)/(1 + s) pi/2), beta_t = min(1 - f(t+1)/f(t), 0.999),
        // ab_t = prod (1 - beta_s); with T = 1000, s = 0.008 only the last beta is clipped.
        assertThat(cosine.beta(0)).isCloseTo(4.128422482196914e-05, within(1e-16));
        assertThat(cosine.beta(500)).isCloseTo(0.003155691441585007, CLOSE);
        assertThat(cosine.beta(998)).isLessThan(0.999);
        assertThat(cosine.beta(999)).isEqualTo(0.999);
        assertThat(cosine.alphaBar(0)).isCloseTo(0.999958715775178, CLOSE);
        assertThat(cosine.alphaBar(499)).isCloseTo(0.49384359044063775, CLOSE);
        assertThat(cosine.alphaBar(998)).isCloseTo(2.428766907034852e-06, within(1e-17));
        assertThat(cosine.alphaBar(999)).isCloseTo(2.4287669070348542e-09, within(1e-20));
    }

    @Test
    void sigmaIsTheNoiseToSignalRatio() {
        // sigma(t) = sqrt((1 - ab_t)/ab_t)
        assertThat(linear.sigma(249)).isCloseTo(0.9529355002015923, CLOSE);
        assertThat(linear.sigma(-1)).isEqualTo(0.0);
    }

    @Test
    void fractionalTimestepsInterpolateLogAlphaBar() {
        // ab(249.25) = exp(0.75 log ab_249 + 0.25 log ab_250); ab(-0.5) = exp(0.5 log ab_0) since ab_-1 = 1
        assertThat(linear.alphaBar(249.25)).isCloseTo(0.5234185163172224, CLOSE);
        assertThat(linear.alphaBar(-0.5)).isCloseTo(0.9999499987499375, CLOSE);
        assertThat(linear.alphaBar(499.0)).isEqualTo(linear.alphaBar(499));
    }

    @Test
    void pixelSigmaMapsToGoldenTimesteps() {
        // the t with sqrt((1 - ab(t))/ab(t)) = 2 sigma/255, log(ab) linear between integer steps
        assertThat(linear.timestepForPixelSigma(15)).isCloseTo(31.897948167027916, within(1e-9));
        assertThat(linear.timestepForPixelSigma(25)).isCloseTo(56.176747710598846, within(1e-9));
        assertThat(linear.timestepForPixelSigma(50)).isCloseTo(114.35989530754641, within(1e-9));
        assertThat(cosine.timestepForPixelSigma(15)).isCloseTo(66.57121369404051, within(1e-9));
        assertThat(cosine.timestepForPixelSigma(25)).isCloseTo(115.50272775449636, within(1e-9));
        assertThat(cosine.timestepForPixelSigma(50)).isCloseTo(230.95227997388525, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {15, 25, 50})
    void pixelSigmaRoundTripsThroughTheTimestep(double pixelSigma) {
        for (NoiseSchedule schedule : new NoiseSchedule[] {linear, cosine}) {
            double t = schedule.timestepForPixelSigma(pixelSigma);
            assertThat(schedule.sigma(t)).isCloseTo(2 * pixelSigma / 255, within(1e-12));
        }
    }

    @Test
    void integerSigmasMapBackToTheirTimestep() {
        for (int t : new int[] {0, 1, 249, 998}) {
            assertThat(linear.timestepForSigma(linear.sigma(t))).isCloseTo(t, within(1e-9));
        }
        assertThat(linear.timestepForSigma(0)).isEqualTo(-1.0);
    }

    @Test
    void timestepGrowsStrictlyWithNoise() {
        double previous = linear.timestepForPixelSigma(0);
        for (double pixelSigma = 0.5; pixelSigma <= 300; pixelSigma += 0.5) {
            double t = linear.timestepForPixelSigma(pixelSigma);
            assertThat(t).isGreaterThan(previous);
            previous = t;
        }
    }

    @Test
    void largestSigmaOfTheScheduleMapsToItsLastStep() {
        // regression: log1p(sigma^2) exceeds -log(ab_9) by an ulp here and the search ran off the table
        NoiseSchedule small = NoiseSchedule.linear(10, 0.01, 0.2);
        assertThat(small.timestepForSigma(small.sigma(9))).isEqualTo(9.0);
        assertThat(small.timestepForPixelSigma(small.sigma(9) * 255 / 2)).isEqualTo(9.0);
        assertThat(linear.timestepForSigma(linear.sigma(999))).isCloseTo(999.0, within(1e-9));
    }

    @Test
    void noiseOutsideTheScheduleIsRejectedWithTheLimit() {
        assertThatThrownBy(() -> linear.timestepForPixelSigma(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1.0")
                .hasMessageContaining("20069.4");
        assertThatThrownBy(() -> linear.timestepForPixelSigma(25000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("25000");
        assertThatThrownBy(() -> linear.timestepForPixelSigma(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> linear.timestepForSigma(158))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("157.4");
    }

    @Test
    void timestepsOutsideTheScheduleAreRejected() {
        assertThatThrownBy(() -> linear.alphaBar(999.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("999.5");
        assertThatThrownBy(() -> linear.alphaBar(-1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> linear.alphaBar(1000)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> linear.beta(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> NoiseSchedule.linear(1, 1e-4, 0.02)).hasMessageContaining("got 1");
        assertThatThrownBy(() -> NoiseSchedule.linear(100, 0.02, 1e-4)).hasMessageContaining("betaStart=0.02");
        assertThatThrownBy(() -> NoiseSchedule.cosine(100, 1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> NoiseSchedule.of(null, 100, 0.008, 0)).hasMessageContaining("LINEAR");
    }

    @Test
    void cardFieldsRebuildTheSameSchedule() {
        NoiseSchedule rebuilt =
                NoiseSchedule.of(cosine.kind(), cosine.steps(), cosine.parameterA(), cosine.parameterB());
        assertThat(rebuilt.alphaBar(500)).isEqualTo(cosine.alphaBar(500));
        assertThat(NoiseSchedule.of(NoiseSchedule.Kind.LINEAR, 1000, 1e-4, 0.02).alphaBar(999))
                .isEqualTo(linear.alphaBar(999));
    }
}
