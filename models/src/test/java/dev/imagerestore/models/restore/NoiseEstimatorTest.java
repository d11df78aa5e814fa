package dev.imagerestore.models.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.eval.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.internal.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseEstimatorTest {

    @ParameterizedTest
    @CsvSource({"5, 1", "15, 2", "25, 3", "50, 4"})
    void estimatesKnownNoiseOnATexturedColourImage(double sigma, long seed) {
        FloatImage noisy = Awgn.add(SyntheticImages.textured(3, 180, 200, seed), sigma, seed);
        assertThat(NoiseEstimator.create().estimate(noisy)).isCloseTo(sigma, offset(0.04 * sigma + 0.3));
    }

    @Test
    void estimatesKnownNoiseOnAGrayImage() {
        FloatImage noisy = Awgn.add(SyntheticImages.textured(1, 150, 160, 9), 20, 9);
        assertThat(NoiseEstimator.create().estimate(noisy)).isCloseTo(20, offset(1.0));
    }

    @Test
    void findsAlmostNoNoiseInACleanSmoothImage() {
        assertThat(NoiseEstimator.create().estimate(SyntheticImages.smooth(3, 120, 120))).isLessThan(0.5);
    }

    @Test
    void imageSmallerThanAPatchIsRejected() {
        assertThatThrownBy(() -> NoiseEstimator.create().estimate(SyntheticImages.random(1, 5, 40, 8, 1)))
                .hasMessageContaining("image 5x40 is smaller than the 8x8 patches");
    }

    @Test
    void noiseVarianceIsTheMeanWhereMeanAndMedianAgree() {
        // 1, 2, 3 have mean 2 = median; the outliers 40 and 100 are signal components.
        assertThat(NoiseEstimator.noiseVariance(new double[] {1, 2, 3, 40, 100})).isEqualTo(2.0);
    }

    @Test
    void jacobiEigenvaluesOfTheSecondDifferenceMatrixMatchTheClosedForm() {
        int n = 12;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 2;
            if (i > 0) {
                a[i][i - 1] = -1;
                a[i - 1][i] = -1;
            }
        }
        double[] values = SymmetricEigen.eigenvalues(a);
        for (int k = 1; k <= n; k++) {
            assertThat(values[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)), offset(1e-12));
        }
    }
}
