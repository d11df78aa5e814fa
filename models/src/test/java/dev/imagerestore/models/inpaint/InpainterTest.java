package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.DenoisingNetwork;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.testing.Digests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InpainterTest {

    private static final DenoisingNetwork LOCAL_MEAN = TestNetworks.localMean(4, 2);

    @BeforeAll
    static void singleThreaded() {
        TorchThreads.configure(1);
    }

    private static Inpainter.Builder small(DenoisingNetwork network) {
        return Inpainter.builder()
                .setNetwork(network)
                .optSteps(4)
                .optJumpLength(2)
                .optJumpRepeats(2)
                .optSamples(1)
                .optStrength(0.3)
                .optTileSize(32)
                .optOverlap(8);
    }

    private static Mask damage(int h, int w) {
        return Mask.box(h, w, 10, 12, 9, 14).union(Mask.box(h, w, 40, 5, 2, 60));
    }

    @Test
    void pixelsOutsideTheMaskAreBitIdentical() {
        FloatImage image = SyntheticImages.textured(3, 60, 80, 3);
        Mask mask = damage(60, 80);

        FloatImage out = small(LOCAL_MEAN).build().inpaint(image, mask);

        int changed = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 80; x++) {
                    if (mask.get(y, x)) {
                        changed += out.get(c, y, x) != image.get(c, y, x) ? 1 : 0;
                        assertThat(out.get(c, y, x)).isBetween(0f, 1f);
                    } else {
                        assertThat(Float.floatToRawIntBits(out.get(c, y, x)))
                                .isEqualTo(Float.floatToRawIntBits(image.get(c, y, x)));
                    }
                }
            }
        }
        assertThat(changed).isGreaterThan(mask.count());
        assertThat(out.bitDepth()).isEqualTo(image.bitDepth());
    }

    @Test
    void grayscaleImagesStayGrayscaleAndKeepTheirKnownPixels() {
        FloatImage image = SyntheticImages.textured(1, 50, 40, 5);
        Mask mask = Mask.box(50, 40, 20, 20, 6, 6);

        FloatImage out = small(LOCAL_MEAN).build().inpaint(image, mask);

        assertThat(out.channels()).isEqualTo(1);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 40; x++) {
                if (!mask.get(y, x)) {
                    assertThat(out.get(0, y, x)).isEqualTo(image.get(0, y, x));
                }
            }
        }
    }

    @Test
    void aHoleInAFlatImageIsFilledWithItsValue() {
        float[] samples = new float[3 * 48 * 48];
        java.util.Arrays.fill(samples, 0.4f);
        FloatImage flat = FloatImage.wrap(3, 48, 48, 8, samples);
        Mask mask = Mask.box(48, 48, 20, 20, 4, 4);

        // the local-mean predictor's estimate is the 5x5 mean, which reaches the known ring from every hole pixel
        FloatImage out = small(LOCAL_MEAN).optSteps(10).build().inpaint(flat, mask);

        double sum = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 20; y < 24; y++) {
                for (int x = 20; x < 24; x++) {
                    sum += out.get(c, y, x);
                }
            }
        }
        assertThat(sum / (3 * 16)).isCloseTo(0.4, within(0.05));
    }

    @Test
    void onlyTheTilesTouchingTheDamageAreRun() {
        FloatImage image = SyntheticImages.textured(3, 96, 96, 1);
        Mask corner = Mask.box(96, 96, 2, 2, 4, 4);
        List<Integer> batchSizes = new ArrayList<>();
        DenoisingNetwork counting = new DenoisingNetwork(
                () -> new NoisePredictor() {
                    @Override
                    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
                        batchSizes.add(Math.toIntExact(x.getShape().get(0)));
                        return x.zerosLike();
                    }

                    @Override
                    public void close() {}
                },
                LOCAL_MEAN.schedule(),
                3,
                4,
                0);
        Inpainter inpainter = small(counting).build();

        InpaintPlan plan = inpainter.tiling().plan(image, corner, 0);
        inpainter.inpaint(image, corner);

        assertThat(plan.grid().size()).isGreaterThan(4);
        assertThat(plan.regions()).hasSize(1);
        assertThat(plan.regions().get(0).y()).isZero();
        assertThat(batchSizes)
                .hasSize(ResamplingSchedule.of(4, 2, 2).networkEvaluations())
                .containsOnly(1);
    }

    @Test
    void rePaintKeepsItsOutputBits() {
        // digests recorded from the loop that stepped DDIM through its internals, before it used the scheduler API
        FloatImage image = SyntheticImages.textured(3, 48, 56, 12);
        Mask mask = damage(48, 56);
        assertThat(Digests.of(small(LOCAL_MEAN)
                        .optSeed(2)
                        .build()
                        .inpaint(image, mask)
                        .toArray()))
                .isEqualTo("98e06594b9a6a8b71629976a");
        assertThat(Digests.of(small(LOCAL_MEAN)
                        .optSeed(2)
                        .optEta(0.8)
                        .optStrength(1)
                        .build()
                        .inpaint(image, mask)
                        .toArray()))
                .isEqualTo("ec9b4651a54e13e83f53d49d");
    }

    @Test
    void resultsDependOnTheSeedButNotOnTheBatchSize() {
        FloatImage image = SyntheticImages.textured(3, 64, 64, 9);
        Mask mask = damage(64, 64);

        FloatImage one = small(LOCAL_MEAN).optBatchSize(1).optSeed(3).build().inpaint(image, mask);
        FloatImage four = small(LOCAL_MEAN).optBatchSize(4).optSeed(3).build().inpaint(image, mask);
        FloatImage otherSeed =
                small(LOCAL_MEAN).optBatchSize(4).optSeed(4).build().inpaint(image, mask);

        assertThat(maxDifference(one, four)).isLessThan(1e-5);
        assertThat(maxDifference(four, otherSeed)).isGreaterThan(1e-3);
    }

    @Test
    void severalSamplesAreTheMeanOfTheDrawsOfTheirSeeds() {
        FloatImage image = SyntheticImages.textured(3, 48, 64, 5);
        Mask mask = damage(48, 64);
        int draws = 3;

        FloatImage mean =
                small(LOCAL_MEAN).optSamples(draws).optSeed(11).build().inpaint(image, mask);
        List<FloatImage> single = new ArrayList<>();
        for (int k = 0; k < draws; k++) {
            single.add(small(LOCAL_MEAN)
                    .optSeed(TileBatchInpainter.drawSeed(11, k))
                    .build()
                    .inpaint(image, mask));
        }

        assertThat(TileBatchInpainter.drawSeed(11, 0)).isEqualTo(11);
        assertThat(maxDifference(single.get(0), single.get(1)))
                .as("draws differ")
                .isGreaterThan(1e-3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    double expected = 0;
                    for (FloatImage draw : single) {
                        expected += draw.get(c, y, x) / draws;
                    }
                    assertThat((double) mean.get(c, y, x))
                            .as("(%d, %d, %d)", c, y, x)
                            .isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    @Test
    void drawsOfNeighbouringSeedsDoNotCoincide() {
        assertThat(TileBatchInpainter.drawSeed(0, 1)).isNotEqualTo(1L);
        assertThat(TileBatchInpainter.drawSeed(1, 1)).isNotEqualTo(TileBatchInpainter.drawSeed(0, 2));
    }

    @Test
    void featherBlendsOnlyTheBandAroundTheMask() {
        FloatImage image = SyntheticImages.textured(3, 64, 64, 2);
        Mask mask = Mask.box(64, 64, 20, 20, 10, 10);

        FloatImage out = small(LOCAL_MEAN).optFeather(3).build().inpaint(image, mask);

        Mask band = mask.dilated(3);
        int bandChanged = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                if (!band.get(y, x)) {
                    assertThat(out.get(0, y, x)).isEqualTo(image.get(0, y, x));
                } else if (!mask.get(y, x) && out.get(0, y, x) != image.get(0, y, x)) {
                    bandChanged++;
                }
            }
        }
        assertThat(bandChanged).isGreaterThan(0);
    }

    private static double maxDifference(FloatImage a, FloatImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
