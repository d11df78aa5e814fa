package dev.imagerestore.models.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.degrade.DegradationModel.Range;
import dev.imagerestore.models.image.FloatImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DegradationsTest {

    private static FloatImage flat(int channels, int size, float value) {
        float[] s = new float[channels * size * size];
        Arrays.fill(s, value);
        return FloatImage.wrap(channels, size, size, 8, s);
    }

    /** A smooth colour pattern with edges, 8-bit values. */
    static FloatImage pattern(int size) {
        float[] s = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v =
                            0.5 + 0.3 * Math.sin((x + 2 * c) / 5.0) * Math.cos(y / 7.0) + (x > size / 2 ? 0.1 : -0.1);
                    s[(c * size + y) * size + x] = Math.round(v * 255) / 255f;
                }
            }
        }
        return FloatImage.wrap(3, size, size, 8, s);
    }

    private static double[] difference(FloatImage a, FloatImage b, int channel) {
        int plane = a.height() * a.width();
        float[] x = a.toArray();
        float[] y = b.toArray();
        double[] d = new double[plane];
        for (int i = 0; i < plane; i++) {
            d[i] = x[channel * plane + i] - y[channel * plane + i];
        }
        return d;
    }

    private static double std(double[] d) {
        double mean = Arrays.stream(d).average().orElse(0);
        return Math.sqrt(
                Arrays.stream(d).map(v -> (v - mean) * (v - mean)).average().orElse(0));
    }

    /** Lag-1 horizontal autocorrelation of a plane of {@code size x size}, away from the borders. */
    private static double lagOneCorrelation(double[] d, int size) {
        double sum = 0;
        double sq = 0;
        for (int y = 8; y < size - 8; y++) {
            for (int x = 8; x < size - 9; x++) {
                sum += d[y * size + x] * d[y * size + x + 1];
                sq += d[y * size + x] * d[y * size + x];
            }
        }
        return sum / sq;
    }

    private static DegradationModel grainOnly(double amplitude, double correlation, double mono) {
        return new DegradationModel(
                0,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                1,
                0,
                Range.of(amplitude),
                Range.of(correlation),
                mono,
                Range.of(1e-3),
                Range.of(1),
                0,
                Range.of(0),
                0,
                0,
                Range.of(95),
                0,
                0);
    }

    @Test
    void sameSeedAndIdGiveTheSameDegradationAndOtherIdsDiffer() {
        Degradations a = Degradations.parse("realistic", 11);
        Degradations b = Degradations.parse("realistic", 11);
        FloatImage clean = pattern(48);
        for (long id = 0; id < 20; id++) {
            assertThat(b.apply(clean, id)).isEqualTo(a.apply(clean, id));
        }
        long distinct = java.util.stream.LongStream.range(0, 20)
                .mapToObj(id -> a.apply(clean, id).image())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(15);
        assertThat(Degradations.parse("realistic", 12).apply(clean, 3)).isNotEqualTo(a.apply(clean, 3));
    }

    @Test
    void grainHasTheDrawnCorrelationLengthAndMidToneAmplitude() {
        int size = 256;
        for (double c : new double[] {0.8, 1.5, 2.2}) {
            Degradations grain = Degradations.of("grain", grainOnly(12, c, 1), 3);
            Degraded d = grain.apply(flat(1, size, 0.5f), 0);
            double[] noise = difference(d.image(), flat(1, size, 0.5f), 0);
            // Gaussian-filtered white noise: autocorrelation exp(-lag^2 / (4 c^2)), so c = 1 / (2 sqrt(-ln rho1)).
            double measured = 1 / (2 * Math.sqrt(-Math.log(lagOneCorrelation(noise, size))));
            assertThat(measured).as("correlation length for c = %s", c).isCloseTo(c, within(0.08 * c));
            assertThat(std(noise) * 255).as("mid-tone amplitude").isCloseTo(12, within(0.9));
            assertThat(d.steps()).singleElement().asString().startsWith("grain(amplitude=12.00");
        }
    }

    @Test
    void grainIsStrongerInMidTonesThanInShadowsAndMonoGrainIsEqualAcrossChannels() {
        Degradations grain = Degradations.of("grain", grainOnly(10, 1, 1), 5);
        double mid = std(difference(grain.apply(flat(3, 128, 0.5f), 0).image(), flat(3, 128, 0.5f), 0));
        double dark = std(difference(grain.apply(flat(3, 128, 0.05f), 0).image(), flat(3, 128, 0.05f), 0));
        // tone factor 0.3 + 0.7 * 4 L (1 - L): 1.0 at L = 0.5, 0.433 at L = 0.05
        assertThat(dark / mid).isCloseTo(0.433, within(0.03));
        FloatImage out = grain.apply(flat(3, 64, 0.5f), 0).image();
        assertThat(difference(out, flat(3, 64, 0.5f), 1)).containsExactly(difference(out, flat(3, 64, 0.5f), 0));
    }

    @Test
    void colourGrainSharesTheDrawnFractionOfItsVariance() {
        DegradationModel colour = grainOnly(10, 1, 0);
        FloatImage gray = flat(3, 256, 0.5f);
        Degraded d = Degradations.of("grain", colour, 9).apply(gray, 0);
        double[] r = difference(d.image(), gray, 0);
        double[] g = difference(d.image(), gray, 1);
        double cov = 0;
        for (int i = 0; i < r.length; i++) {
            cov += r[i] * g[i];
        }
        double rho = cov / r.length / (std(r) * std(g));
        double shared = Double.parseDouble(d.steps().get(0).replaceAll(".*shared=([0-9.]+).*", "$1"));
        assertThat(rho).isCloseTo(shared, within(0.06));
    }

    @Test
    void whiteNoiseHasItsSigmaAndIsNeitherClippedNorRounded() {
        FloatImage dark = flat(3, 128, 0.02f);
        Degraded d = Degradations.parse("awgn:25", 1).apply(dark, 0);
        assertThat(std(difference(d.image(), dark, 0)) * 255).isCloseTo(25, within(0.6));
        float min = Float.MAX_VALUE;
        for (float v : d.image().toArray()) {
            min = Math.min(min, v);
        }
        assertThat(min).as("unclipped").isNegative();
        assertThat(d.steps()).containsExactly("awgn(sigma=25.00)");
        assertThat(d.rmsChange()).isCloseTo(25, within(0.6));
    }

    @Test
    void shotNoiseFollowsThePoissonGaussianModelInLinearLight() {
        // small enough relative noise for the delta method through the gamma curve to hold to a few per cent
        double gain = 5e-4;
        double read = 1;
        DegradationModel shot = new DegradationModel(
                0,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                0,
                1,
                Range.of(1),
                Range.of(1),
                0,
                Range.of(gain),
                Range.of(read),
                0,
                Range.of(0),
                0,
                0,
                Range.of(95),
                0,
                0);
        for (float level : new float[] {0.3f, 0.8f}) {
            FloatImage clean = flat(1, 200, level);
            double measured = std(
                    difference(Degradations.of("shot", shot, 2).apply(clean, 0).image(), clean, 0));
            double linear = Math.pow(level, 2.2);
            double slope = Math.pow(linear, 1 / 2.2 - 1) / 2.2;
            double expected = Math.sqrt(gain * linear + Math.pow(read / 255, 2)) * slope;
            assertThat(measured).as("level %s", level).isCloseTo(expected, within(0.05 * expected));
        }
    }

    @Test
    void cameraProcessingLowPassesTheColourNoiseAndLeavesTheLumaNoiseAndTheNamedPipelinesAsTheyWere() {
        FloatImage clean = flat(3, 200, 0.5f);
        Degraded raw = Degradations.of("camera", cameraNoiseOnly(), 3).apply(clean, 0);
        Degraded processed = Degradations.of(
                        "camera", cameraNoiseOnly(), new CameraProcessing(1, Range.of(2), Range.of(0)), 3)
                .apply(clean, 0);

        assertThat(processed.steps()).singleElement().asString().endsWith(", nr-chroma=2.00, nr-luma=0.00)");
        double[] rawChroma = chroma(raw.image(), clean);
        double[] processedChroma = chroma(processed.image(), clean);
        assertThat(lagOneCorrelation(processedChroma, 200))
                .as("blotches: a Gaussian of sigma 2 correlates neighbours by about exp(-1/16)")
                .isGreaterThan(0.85)
                .isGreaterThan(lagOneCorrelation(rawChroma, 200) + 0.3);
        assertThat(std(processedChroma)).isLessThan(0.5 * std(rawChroma));
        assertThat(std(luma(processed.image(), clean)))
                .as("the luma noise is not reduced")
                .isCloseTo(std(luma(raw.image(), clean)), within(0.02 * std(luma(raw.image(), clean))));
        assertThat(Degradations.of("camera", cameraNoiseOnly(), CameraProcessing.none(), 3)
                        .apply(clean, 0)
                        .image()
                        .toArray())
                .as("no processing draws nothing more: the same noise as before it existed")
                .containsExactly(raw.image().toArray());
    }

    /** The R - G difference of the noise {@code noisy} carries over {@code clean}. */
    private static double[] chroma(FloatImage noisy, FloatImage clean) {
        double[] red = difference(noisy, clean, 0);
        double[] green = difference(noisy, clean, 1);
        double[] out = new double[red.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = red[i] - green[i];
        }
        return out;
    }

    /** The BT.601 luma of the noise {@code noisy} carries over {@code clean}. */
    private static double[] luma(FloatImage noisy, FloatImage clean) {
        double[] red = difference(noisy, clean, 0);
        double[] green = difference(noisy, clean, 1);
        double[] blue = difference(noisy, clean, 2);
        double[] out = new double[red.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i];
        }
        return out;
    }

    @Test
    void cameraNoiseKeepsItsGoldenSamplesWhetherOrNotCameraProcessingCouldBeDrawn() {
        float[] samples = new float[3 * 64 * 64];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.2 + 0.6 * ((i * 7919) % 1000) / 1000.0);
        }
        FloatImage clean = FloatImage.wrap(3, 64, 64, 8, samples);
        for (CameraProcessing camera :
                new CameraProcessing[] {CameraProcessing.none(), new CameraProcessing(1e-300, Range.of(2), Range.of(0))
                }) {
            double sum = 0;
            for (long id = 0; id < 4; id++) {
                for (float v : Degradations.of("camera", cameraNoiseOnly(), camera, 3)
                        .apply(clean, id)
                        .image()
                        .toArray()) {
                    sum += v;
                }
            }
            assertThat(sum).as("%s", camera).isCloseTo(CAMERA_GOLDEN_SUM, within(1e-9));
        }
    }

    /** The sum of {@link #cameraNoiseKeepsItsGoldenSamplesWhetherOrNotCameraProcessingCouldBeDrawn}'s outputs. */
    static final double CAMERA_GOLDEN_SUM = 24329.712450989988;

    /** Camera noise on a Bayer mosaic alone (gain 2e-3, read noise 2), nothing else. */
    private static DegradationModel cameraNoiseOnly() {
        return new DegradationModel(
                0,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                0,
                1,
                Range.of(1),
                Range.of(1),
                0,
                Range.of(2e-3),
                Range.of(2),
                1,
                Range.of(0),
                0,
                0,
                Range.of(95),
                0,
                0);
    }

    @Test
    void cameraNoiseIsCorrelatedAcrossNeighboursAndChannelsAsADemosaicedMosaic() {
        DegradationModel camera = cameraNoiseOnly();
        FloatImage clean = flat(3, 200, 0.5f);
        Degraded d = Degradations.of("camera", camera, 3).apply(clean, 0);
        assertThat(d.steps()).singleElement().asString().startsWith("camera-noise(");
        double[] red = difference(d.image(), clean, 0);
        double[] green = difference(d.image(), clean, 1);
        // bilinear demosaicing spreads each photosite's noise over its neighbours; white noise has none
        assertThat(lagOneCorrelation(green, 200)).isBetween(0.15, 0.8);
        assertThat(lagOneCorrelation(red, 200)).isBetween(0.15, 0.8);
        // the colour-correction matrix mixes channels with negative weights: red and green anti-correlate
        double cross = 0;
        for (int i = 0; i < red.length; i++) {
            cross += red[i] * green[i];
        }
        cross /= red.length * std(red) * std(green);
        assertThat(cross).isLessThan(-0.05);
        // same seed and id, same noise
        assertThat(Degradations.of("camera", camera, 3).apply(clean, 0).image().toArray())
                .containsExactly(d.image().toArray());
    }

    @Test
    void demosaicingKeepsPhotositesAndInterpolatesTheRest() {
        float[] sparse = new float[16];
        sparse[0] = 4; // red site at (0, 0) of an RGGB 4x4 mosaic
        float[] red = Degradations.demosaic(sparse, 4, 4, false);
        assertThat(red[0]).isEqualTo(4f);
        assertThat(red[1]).isEqualTo(2f); // half of each horizontal neighbour; only (0, 0) is set
        assertThat(red[5]).isEqualTo(1f);
    }

    @Test
    void aFractionOfImagesIsLeftUntouchedAndNoneLeavesEveryImage() {
        Degradations realistic = Degradations.parse("realistic", 4);
        FloatImage clean = pattern(16);
        long untouched = java.util.stream.LongStream.range(0, 600)
                .filter(id -> realistic.apply(clean, id).untouched())
                .count();
        assertThat(untouched).isBetween(30L, 66L);
        Degraded none = Degradations.parse("none", 4).apply(clean, 17);
        assertThat(none.image()).isSameAs(clean);
        assertThat(none.rmsChange()).isZero();
    }

    @Test
    void cameraNoiseIsTheRealisticPipelinesCameraNoiseAloneOnEveryImage() {
        Degradations camera = Degradations.parse("camera-noise", 4);
        FloatImage clean = pattern(16);
        int mosaic = 0;
        for (long id = 0; id < 200; id++) {
            Degraded d = camera.apply(clean, id);
            assertThat(d.untouched()).isFalse();
            assertThat(d.steps()).hasSize(2).last().isEqualTo("round8");
            assertThat(d.steps().get(0)).matches("(poisson-gaussian|camera-noise)\\(.*");
            mosaic += d.steps().get(0).startsWith("camera-noise(") ? 1 : 0;
        }
        assertThat(mosaic).as("70 % through the mosaic").isBetween(120, 160);
        DegradationModel realistic = DegradationModel.realistic();
        DegradationModel model = camera.model();
        assertThat(model.shotGain()).isEqualTo(realistic.shotGain());
        assertThat(model.readNoise()).isEqualTo(realistic.readNoise());
        assertThat(model.mosaicShare()).isEqualTo(realistic.mosaicShare());
    }

    @Test
    void realisticDrawsEveryKindOfStepWithinItsRanges() {
        Degradations realistic = Degradations.parse("realistic", 8);
        FloatImage clean = pattern(32);
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (long id = 0; id < 400; id++) {
            for (String step : realistic.apply(clean, id).steps()) {
                kinds.add(step.replaceAll("\\(.*", ""));
                if (step.startsWith("jpeg")) {
                    assertThat(Integer.parseInt(step.replaceAll("\\D", ""))).isBetween(30, 95);
                }
            }
        }
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "awgn",
                        "blur",
                        "defocus",
                        "camera-noise",
                        "grain",
                        "jpeg",
                        "poisson-gaussian",
                        "resample",
                        "round8");
    }

    @Test
    void goldenDegradationOfAFixedSeedAndId() {
        Degraded d = Degradations.parse("realistic", 2026).apply(pattern(32), 5);
        double sum = 0;
        for (float v : d.image().toArray()) {
            sum += v;
        }
        assertThat(d.steps()).containsExactly(GOLDEN_STEPS);
        assertThat(sum).isCloseTo(GOLDEN_SUM, within(1e-3));
    }

    static final String[] GOLDEN_STEPS = {"blur(sigma=0.98)", "awgn(sigma=46.73)", "jpeg(quality=31)"};
    static final double GOLDEN_SUM = 1522.4589;

    @Test
    void refusalsNameTheSpecAndWhatExists() {
        assertThatThrownBy(() -> Degradations.parse("gaussian", 0))
                .hasMessageContaining("'gaussian'")
                .hasMessageContaining("realistic, realistic-camera, jpeg-grain, camera-noise, camera-jpeg, awgn:SIGMA")
                .hasMessageContaining("A+B@SHARE");
        assertThatThrownBy(() -> Degradations.parse("realistic+camera-jpeg", 0)).hasMessageContaining("A+B@SHARE");
        assertThatThrownBy(() -> Degradations.parse("realistic+camera-jpeg@1.5", 0))
                .hasMessageContaining("(0, 1), got 1.5");
        assertThatThrownBy(() -> Degradations.parse("realistic+camera-jpeg@x", 0))
                .hasMessageContaining("@0.3");
        assertThatThrownBy(() -> Degradations.parse("none+realistic+awgn:5@0.2", 0))
                .hasMessageContaining("two pipelines");
        assertThatThrownBy(() -> Degradations.parse("awgn:x", 0)).hasMessageContaining("awgn:25");
        assertThatThrownBy(() -> Degradations.parse("awgn:-3", 0)).hasMessageContaining("[0, 255]");
        assertThatThrownBy(() -> new Range(2, 1)).hasMessageContaining("[2.0, 1.0]");
        assertThatThrownBy(() -> Degradations.parse("none", 0).apply(FloatImage.wrap(2, 4, 4, 8, new float[32]), 0))
                .hasMessageContaining("2");
    }

    @Test
    void aMixtureDegradesEachImageExactlyAsOneOfItsPipelinesWouldAndTheSecondOnItsShare() {
        FloatImage clean = flat(3, 24, 0.4f);
        Degradations mixture = Degradations.parse("realistic+camera-jpeg@0.3", 9);
        Degradations realistic = Degradations.parse("realistic", 9);
        Degradations camera = Degradations.parse("camera-jpeg", 9);
        int fromCamera = 0;
        int images = 300;
        for (long id = 0; id < images; id++) {
            Degraded mixed = mixture.apply(clean, id);
            Degraded a = realistic.apply(clean, id);
            Degraded b = camera.apply(clean, id);
            boolean isCamera = mixed.steps().equals(b.steps())
                    && java.util.Arrays.equals(
                            mixed.image().toArray(), b.image().toArray());
            boolean isRealistic = mixed.steps().equals(a.steps())
                    && java.util.Arrays.equals(
                            mixed.image().toArray(), a.image().toArray());
            assertThat(isCamera || isRealistic).as("image %d", id).isTrue();
            fromCamera += isCamera ? 1 : 0;
        }
        assertThat(fromCamera / (double) images).isCloseTo(0.3, within(0.07));
        assertThat(mixture.name()).isEqualTo("realistic+camera-jpeg@0.3");
    }

    @Test
    void inCameraNoiseIsMostlyLumaSmoothedWhereThePictureIsFlatAndSparedOnDetail() {
        int side = 192;
        float[] picture = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    // left half flat; right half columns alternating by 51 levels (detail everywhere)
                    picture[(c * side + y) * side + x] = x < side / 2 ? 0.45f : (x % 2 == 0 ? 0.35f : 0.55f);
                }
            }
        }
        FloatImage clean = FloatImage.wrap(3, side, side, 8, picture);
        CameraProcessing inCamera = CameraProcessing.inCamera();
        double flat = 0;
        double detail = 0;
        double rawBetween = 0;
        double processedBetween = 0;
        for (long id = 0; id < 4; id++) {
            FloatImage processed = Degradations.of("in-camera", cameraNoiseOnly(), inCamera, 4)
                    .apply(clean, id)
                    .image();
            FloatImage raw = Degradations.of("raw", cameraNoiseOnly(), 4)
                    .apply(clean, id)
                    .image();
            double[] luma = luma(processed, clean);
            double[] flatHalf = new double[side * (side / 2 - 2)];
            double[] detailHalf = new double[side * (side / 2 - 2)];
            int k = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 1; x < side / 2 - 1; x++) {
                    flatHalf[k] = luma[y * side + x];
                    detailHalf[k++] = luma[y * side + side / 2 + 1 + x];
                }
            }
            flat += std(flatHalf) / 4;
            detail += std(detailHalf) / 4;
            rawBetween += correlation(difference(raw, clean, 0), difference(raw, clean, 1)) / 4;
            processedBetween += correlation(difference(processed, clean, 0), difference(processed, clean, 1)) / 4;
        }
        assertThat(flat).as("flat areas are smoothed, detail is spared").isLessThan(0.6 * detail);
        assertThat(processedBetween)
                .as("the chroma noise reduced: the channels' noise mostly shared (PolyU's camera JPEGs: 0.64-0.71)")
                .isGreaterThan(0.5)
                .isGreaterThan(rawBetween + 0.4);
    }

    @Test
    void theToneCurveRoundTripsAndCompressesTheNoiseInShadowsAndHighlights() {
        for (double v : new double[] {0, 0.02, 0.3, 0.5, 0.77, 1}) {
            assertThat(Degradations.toDisplay(Degradations.toLinear(v, true), true))
                    .isCloseTo(v, within(1e-9));
            assertThat(Degradations.toDisplay(Degradations.toLinear(v, false), false))
                    .isCloseTo(v, within(1e-9));
        }
        CameraProcessing toneOnly = new CameraProcessing(0, Range.of(0), Range.of(0), Range.of(0), true);
        double[] level = new double[3];
        double[] plain = new double[3];
        float[] tones = {0.03f, 0.4f, 0.97f};
        for (int t = 0; t < 3; t++) {
            FloatImage clean = flat(3, 128, tones[t]);
            level[t] = std(luma(
                    Degradations.of("tone", cameraNoiseOnly(), toneOnly, 5)
                            .apply(clean, 0)
                            .image(),
                    clean));
            plain[t] = std(luma(
                    Degradations.of("plain", cameraNoiseOnly(), 5)
                            .apply(clean, 0)
                            .image(),
                    clean));
        }
        assertThat(plain[0]).as("the plain gamma: loudest in the shadows").isGreaterThan(plain[1]);
        assertThat(level[1]).as("the S-curve: loudest in the mid-tones").isGreaterThan(1.3 * level[0]);
        assertThat(level[1]).isGreaterThan(1.3 * level[2]);
    }

    private static double correlation(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
