package dev.imagerestore.models.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.internal.SymmetricEigen;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
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
    void noiseSharedByAllChannelsIsEstimatedPerChannel() {
        FloatImage clean = SyntheticImages.textured(3, 150, 160, 11);
        FloatImage grain = Awgn.add(SyntheticImages.smooth(1, 150, 160), 20, 11);
        FloatImage flat = SyntheticImages.smooth(1, 150, 160);
        float[] samples = clean.toArray();
        int plane = 150 * 160;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                samples[c * plane + i] += grain.get(0, i / 160, i % 160) - flat.get(0, i / 160, i % 160);
            }
        }
        FloatImage noisy = FloatImage.wrap(3, 150, 160, 8, samples);
        assertThat(NoiseEstimator.create().estimate(noisy))
                .as("one grain field in every channel: sigma 20 each")
                .isCloseTo(20, offset(1.0));
    }

    @Test
    void grainSavedAsJpegIsStillFound() throws IOException {
        FloatImage noisy = Awgn.quantize8Bit(Awgn.add(SyntheticImages.textured(3, 160, 192, 12), 20, 12));
        BufferedImage image = ImageFiles.toBufferedImage(noisy);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.95f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), quality);
        } finally {
            writer.dispose();
        }
        FloatImage decoded = ImageFiles.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
        // chroma at half resolution: the grain is left in luma, 0.67 of sigma per channel; the colour rule alone reads
        // ~1
        assertThat(NoiseEstimator.create().estimate(decoded)).isBetween(11.0, 17.0);
    }

    @Test
    void findsAlmostNoNoiseInACleanSmoothImage() {
        assertThat(NoiseEstimator.create().estimate(SyntheticImages.smooth(3, 120, 120)))
                .isLessThan(0.5);
    }

    @Test
    void imageSmallerThanAPatchIsRejected() {
        assertThatThrownBy(() -> NoiseEstimator.create().estimate(SyntheticImages.random(1, 5, 40, 8, 1)))
                .hasMessageContaining("image 5x40 is smaller than the 8x8 patches");
    }

    @Test
    void noiseVarianceIsTheMeanWhereMeanAndMedianAgree() {
        // 1, 2, 3 have mean 2 = median; the outliers 40 and 100 are signal components.
        assertThat(NoiseEstimator.noiseVariance(new double[] {1, 2, 3, 40, 100}))
                .isEqualTo(2.0);
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
