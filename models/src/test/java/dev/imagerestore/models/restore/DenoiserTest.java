package dev.imagerestore.models.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.Dihedral;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.models.testing.Digests;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DenoiserTest {

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    @Test
    void refinementKeepsItsOutputBitsForDdimAndAncestralSampling() {
        // digests recorded from the loop-owning samplers, before they became stepped schedulers
        FloatImage noisy = Awgn.add(SyntheticImages.textured(3, 40, 52, 4), 25, 6);
        Denoiser.Builder base = Denoiser.builder()
                .setNetwork(TestNetworks.localMean(4, 2))
                .optTileSize(32)
                .optOverlap(8)
                .optBatchSize(2)
                .optSeed(9);
        assertThat(Digests.of(base.optRefineSteps(5)
                        .optSampler(SamplerKind.DDIM)
                        .optEta(0)
                        .build()
                        .denoise(noisy, 25)
                        .toArray()))
                .isEqualTo("906347d5e1f1b60e4c96fc4f");
        assertThat(Digests.of(base.optRefineSteps(4)
                        .optSampler(SamplerKind.DDIM)
                        .optEta(0.6)
                        .build()
                        .denoise(noisy, 25)
                        .toArray()))
                .isEqualTo("03c208067871c00ff026b1cd");
        assertThat(Digests.of(base.optRefineSteps(4)
                        .optSampler(SamplerKind.ANCESTRAL)
                        .build()
                        .denoise(noisy, 25)
                        .toArray()))
                .isEqualTo("f8d8500acb461ef81e7be745");
    }

    @Test
    void zeroNoisePredictionReturnsTheInputThroughTilingAndBlending() {
        for (FloatImage image : new FloatImage[] {
            SyntheticImages.random(3, 50, 70, 8, 1),
            SyntheticImages.random(1, 45, 37, 16, 2),
            SyntheticImages.random(3, 10, 13, 8, 3)
        }) {
            Denoiser denoiser = Denoiser.builder()
                    .setNetwork(TestNetworks.zero(4))
                    .optTileSize(32)
                    .optOverlap(8)
                    .optBatchSize(3)
                    .build();
            FloatImage out = denoiser.denoise(image, 25);
            assertThat(out.channels()).isEqualTo(image.channels());
            assertThat(out.bitDepth()).isEqualTo(image.bitDepth());
            assertThat(maxDifference(out, image)).as("%s", image).isLessThan(1e-6);
        }
    }

    @Test
    void resultDoesNotDependOnHowTilesAreBatched() {
        FloatImage noisy = Awgn.add(SyntheticImages.textured(3, 60, 50, 4), 20, 5);
        try (DiffusionModel model = TestNetworks.tinyModel()) {
            FloatImage one = Denoiser.builder()
                    .setModel(model)
                    .optTileSize(32)
                    .optOverlap(8)
                    .optBatchSize(1)
                    .build()
                    .denoise(noisy, 20);
            FloatImage three = Denoiser.builder()
                    .setModel(model)
                    .optTileSize(32)
                    .optOverlap(8)
                    .optBatchSize(3)
                    .build()
                    .denoise(noisy, 20);
            assertThat(maxDifference(one, noisy))
                    .as("the network changed the image")
                    .isGreaterThan(1e-3);
            assertThat(maxDifference(one, three)).isLessThan(1e-6);
        }
    }

    @Test
    void deterministicRefinementWithZeroNoisePredictionAlsoReturnsTheInput() {
        FloatImage image = SyntheticImages.random(3, 40, 36, 8, 6);
        Denoiser denoiser = Denoiser.builder()
                .setNetwork(TestNetworks.zero(4))
                .optTileSize(32)
                .optOverlap(8)
                .optRefineSteps(5)
                .optSampler(SamplerKind.DDIM)
                .optEta(0)
                .build();
        assertThat(maxDifference(denoiser.denoise(image, 30), image)).isLessThan(1e-5);
    }

    @Test
    void stochasticRefinementDoesNotDependOnHowTilesAreBatched() {
        FloatImage noisy = Awgn.add(SyntheticImages.textured(3, 60, 50, 8), 30, 9);
        try (DiffusionModel model = TestNetworks.tinyModel()) {
            Denoiser.Builder builder = Denoiser.builder()
                    .setModel(model)
                    .optTileSize(32)
                    .optOverlap(8)
                    .optRefineSteps(3)
                    .optSampler(SamplerKind.ANCESTRAL)
                    .optSeed(42);
            FloatImage one = builder.optBatchSize(1).build().denoise(noisy, 30);
            FloatImage three = builder.optBatchSize(3).build().denoise(noisy, 30);
            FloatImage otherSeed = builder.optSeed(43).build().denoise(noisy, 30);
            assertThat(maxDifference(one, three)).isLessThan(1e-6);
            assertThat(maxDifference(one, otherSeed))
                    .as("the seed drives the refinement noise")
                    .isGreaterThan(1e-4);
        }
    }

    @Test
    void refinementWithTheLocalMeanPredictorLowersTheError() {
        FloatImage clean = SyntheticImages.smooth(3, 64, 72);
        FloatImage noisy = Awgn.add(clean, 25, 14);
        for (SamplerKind kind : SamplerKind.values()) {
            Denoiser denoiser = Denoiser.builder()
                    .setNetwork(TestNetworks.localMean(4, 2))
                    .optTileSize(32)
                    .optOverlap(8)
                    .optRefineSteps(4)
                    .optSampler(kind)
                    .optSeed(1)
                    .build();
            assertThat(mse(denoiser.denoise(noisy, 25), clean)).as("%s", kind).isLessThan(mse(noisy, clean) / 3);
        }
    }

    @Test
    void tilesOfDifferentImagesAndNoiseLevelsShareABatchWithoutInteracting() {
        TileGrid grid = TileGrid.cover(32, 32, 32, 8, 4);
        TileRegion region = grid.tiles().get(0);
        FloatImage a = Awgn.add(SyntheticImages.smooth(3, 32, 32), 10, 1);
        FloatImage b = Awgn.add(SyntheticImages.textured(3, 32, 32, 2), 40, 2);
        TileInput ta = new TileInput(grid.extract(a, region, 3), 32, 10, 1, 0, 0);
        TileInput tb = new TileInput(grid.extract(b, region, 3), 32, 40, 2, 0, 0);
        try (DiffusionModel model = TestNetworks.tinyModel()) {
            Denoiser denoiser = Denoiser.builder()
                    .setModel(model)
                    .optTileSize(32)
                    .optOverlap(8)
                    .optBatchSize(2)
                    .build();
            try (TileBatchDenoiser batches = denoiser.openBatchDenoiser()) {
                float[] together = batches.denoise(List.of(ta, tb)).get(1);
                float[] alone = batches.denoise(List.of(tb)).get(0);
                for (int i = 0; i < alone.length; i++) {
                    assertThat(together[i]).isCloseTo(alone[i], offset(1e-6f));
                }
            }
        }
    }

    @Test
    void denoisingWithTheLocalMeanPredictorLowersTheError() {
        FloatImage clean = SyntheticImages.smooth(3, 96, 80);
        FloatImage noisy = Awgn.add(clean, 25, 11);
        Denoiser denoiser = Denoiser.builder()
                .setNetwork(TestNetworks.localMean(4, 2))
                .optTileSize(32)
                .optOverlap(8)
                .optBatchSize(4)
                .build();
        double before = mse(noisy, clean);
        double after = mse(denoiser.denoise(noisy, 25), clean);
        assertThat(after).isLessThan(before / 5);
        FloatImage gray = clean.toOneChannel();
        FloatImage noisyGray = Awgn.add(gray, 25, 12);
        FloatImage restoredGray = denoiser.denoise(noisyGray, 25);
        assertThat(restoredGray.channels()).isEqualTo(1);
        assertThat(mse(restoredGray, gray)).isLessThan(mse(noisyGray, gray) / 5);
    }

    @Test
    void blindDenoisingUsesTheEstimatedLevel() {
        FloatImage clean = SyntheticImages.smooth(3, 96, 80);
        FloatImage noisy = Awgn.add(clean, 25, 13);
        Denoiser denoiser = Denoiser.builder()
                .setNetwork(TestNetworks.localMean(4, 2))
                .optTileSize(32)
                .optOverlap(8)
                .build();
        assertThat(denoiser.estimateSigma(noisy)).isCloseTo(25, offset(1.5));
        assertThat(mse(denoiser.denoiseBlind(noisy), clean)).isLessThan(mse(noisy, clean) / 5);
    }

    @Test
    void selfEnsembleIsTheMeanOfTheTransformedResultsMappedBack() {
        FloatImage noisy = Awgn.add(SyntheticImages.textured(3, 32, 32, 3), 25, 4);
        TileGrid grid = TileGrid.cover(32, 32, 32, 8, 4);
        TileRegion region = grid.tiles().get(0);
        float[] samples = grid.extract(noisy, region, 3);
        try (DiffusionModel model = TestNetworks.tinyModel()) {
            Denoiser.Builder builder =
                    Denoiser.builder().setModel(model).optTileSize(32).optOverlap(8);
            float[] expected = new float[samples.length];
            try (TileBatchDenoiser plain = builder.build().openBatchDenoiser()) {
                for (int d = 0; d < 8; d++) {
                    TileInput view = TileInput.of(Dihedral.apply(samples, 3, 32, d), region, 25);
                    float[] back = Dihedral.invert(plain.denoise(List.of(view)).get(0), 3, 32, d);
                    for (int k = 0; k < expected.length; k++) {
                        expected[k] += back[k] / 8;
                    }
                }
            }
            FloatImage single = builder.build().denoise(noisy, 25);
            FloatImage ensemble = builder.optSelfEnsemble(8).build().denoise(noisy, 25);
            FloatImage rebatched = builder.optBatchSize(3).build().denoise(noisy, 25);
            float[] actual = ensemble.toArray();
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).isCloseTo(expected[k], offset(1e-6f));
            }
            assertThat(maxDifference(single, ensemble))
                    .as("the tiny network is not symmetric")
                    .isGreaterThan(1e-4);
            assertThat(maxDifference(ensemble, rebatched)).isLessThan(1e-6);
        }
    }

    @Test
    void selfEnsembleWithZeroNoisePredictionReturnsTheInputExactly() {
        FloatImage image = SyntheticImages.random(3, 50, 70, 8, 7);
        for (int count : new int[] {2, 4, 8}) {
            Denoiser denoiser = Denoiser.builder()
                    .setNetwork(TestNetworks.zero(4))
                    .optTileSize(32)
                    .optOverlap(8)
                    .optSelfEnsemble(count)
                    .build();
            assertThat(denoiser.selfEnsemble()).isEqualTo(count);
            assertThat(maxDifference(denoiser.denoise(image, 25), image))
                    .as("x%d", count)
                    .isLessThan(1e-6);
            assertThat(maxDifference(denoiser.denoise(image, 0), image))
                    .as("no noise, no change")
                    .isLessThan(1e-6);
        }
    }

    @Test
    void theNetworkOfAModelRunsOnTheModelsDevice() {
        try (DiffusionModel model = TestNetworks.tinyModel()) {
            DenoisingNetwork network = DenoisingNetwork.of(model);
            assertThat(network.device()).isEqualTo(model.device());
            assertThat(TestNetworks.zero(4).device())
                    .as("other networks: the engine's default device")
                    .isEqualTo(ai.djl.engine.Engine.getEngine("PyTorch").defaultDevice());
        }
    }

    @Test
    void invalidSettingsAreRejectedAtBuild() {
        assertThatThrownBy(() -> Denoiser.builder()
                        .setNetwork(TestNetworks.zero(8))
                        .optSelfEnsemble(3)
                        .build())
                .hasMessageContaining("self-ensemble must be 1, 2, 4 or 8 transforms, got 3");
        assertThatThrownBy(() -> Denoiser.builder().build()).hasMessageContaining("setModel");
        assertThatThrownBy(() -> Denoiser.builder()
                        .setNetwork(TestNetworks.zero(8))
                        .optTileSize(100)
                        .build())
                .hasMessageContaining("tile size 100");
        assertThatThrownBy(() -> Denoiser.builder()
                        .setNetwork(TestNetworks.zero(8))
                        .optBatchSize(0)
                        .build())
                .hasMessageContaining("batch size must be >= 1, got 0");
        assertThatThrownBy(() -> Denoiser.builder()
                        .setNetwork(TestNetworks.zero(8))
                        .optEta(1.5)
                        .build())
                .hasMessageContaining("eta must be in [0, 1], got 1.5");
    }

    static double mse(FloatImage a, FloatImage b) {
        FloatBuffer x = a.samples();
        FloatBuffer y = b.samples();
        double sum = 0;
        for (int i = 0; i < x.remaining(); i++) {
            double d = x.get(i) - y.get(i);
            sum += d * d;
        }
        return sum / x.remaining();
    }

    static double maxDifference(FloatImage a, FloatImage b) {
        FloatBuffer x = a.samples();
        FloatBuffer y = b.samples();
        double max = 0;
        for (int i = 0; i < x.remaining(); i++) {
            max = Math.max(max, Math.abs(x.get(i) - y.get(i)));
        }
        return max;
    }
}
