package dev.imagerestore.models.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.HoleFill;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.inpaint.MaskFill;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlindRestorerTest {

    private static final UNetConfig TINY = RestorationNetwork.architecture(List.of(8, 16, 32), 1, false, 4);

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    /** A tiny restorer with seeded random weights. */
    static DiffusionModel tinyRestorer() {
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(11);
        Block block = UNet.build(TINY);
        DiffusionModel model = DiffusionModel.of(TestNetworks.restorerCard(TINY), block);
        block.initialize(model.manager(), DataType.FLOAT32, UNet.inputShapes(TINY, 1, 8));
        return model;
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

    @Test
    void theResultDoesNotDependOnBatchingTheOneStepModeIsDeterministicAndRefinementSeeded() {
        FloatImage image = SyntheticImages.textured(3, 40, 52, 3);
        try (DiffusionModel model = tinyRestorer()) {
            BlindRestorer one = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(24)
                    .optOverlap(4)
                    .optBatchSize(1)
                    .build();
            BlindRestorer four = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(24)
                    .optOverlap(4)
                    .optBatchSize(4)
                    .build();
            BlindRestorer.Result a = one.restore(image, 5);
            BlindRestorer.Result b = four.restore(image, 5);
            assertThat(maxDifference(a.image(), b.image())).isLessThan(1e-5);
            assertThat(a.image().channels()).isEqualTo(3);
            assertThat(a.rmsChange()).isEqualTo(image.rmsChange(a.image()));
            assertThat(maxDifference(one.restore(image, 6).image(), a.image()))
                    .as("the one-step mode draws no noise")
                    .isZero();
            BlindRestorer refined = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(24)
                    .optOverlap(4)
                    .optRefineSteps(2)
                    .build();
            assertThat(maxDifference(
                            refined.restore(image, 5).image(),
                            refined.restore(image, 5).image()))
                    .isZero();
            assertThat(maxDifference(
                            refined.restore(image, 6).image(),
                            refined.restore(image, 5).image()))
                    .as("refinement: another image id, other noise")
                    .isGreaterThan(0);
        }
    }

    @Test
    void tilesRestoredInTheGridsBatchesAndBlendedGiveExactlyTheWholeImageResult() {
        FloatImage image = SyntheticImages.textured(3, 40, 52, 3).withBitDepth(16);
        try (DiffusionModel model = tinyRestorer()) {
            BlindRestorer restorer = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(24)
                    .optOverlap(4)
                    .optBatchSize(3)
                    .build();
            TileGrid grid = restorer.grid(image.height(), image.width());
            List<TileRegion> regions = grid.tiles();
            TileAccumulator accumulator = new TileAccumulator(grid, 3, 16);
            for (int from = 0; from < regions.size(); from += restorer.batchSize()) {
                List<TileRegion> chunk = regions.subList(from, Math.min(regions.size(), from + restorer.batchSize()));
                List<float[]> samples =
                        chunk.stream().map(r -> grid.extract(image, r, 3)).toList();
                float[][] restored = restorer.restoreTiles(grid.tileSize(), chunk, samples, 9);
                for (int k = 0; k < chunk.size(); k++) {
                    accumulator.add(chunk.get(k), restored[k]);
                }
            }
            assertThat(accumulator.result().toArray())
                    .containsExactly(restorer.restore(image, 9).image().toArray());
            assertThatThrownBy(() -> restorer.restoreTiles(grid.tileSize(), regions, List.of(), 9))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one sample array per region");
        }
    }

    @Test
    void refinementRunsTheSamplerFromPureNoiseAndKeepsShapeAndBitDepth() {
        FloatImage gray = SyntheticImages.textured(1, 20, 28, 4).withBitDepth(16);
        try (DiffusionModel model = tinyRestorer()) {
            BlindRestorer refine = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(16)
                    .optOverlap(2)
                    .optRefineSteps(3)
                    .build();
            FloatImage out = refine.restore(gray, 0).image();
            assertThat(out.channels()).isEqualTo(1);
            assertThat(out.bitDepth()).isEqualTo(16);
            assertThat(out.height()).isEqualTo(20);
            FloatImage once = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(16)
                    .optOverlap(2)
                    .build()
                    .restore(gray, 0)
                    .image();
            assertThat(maxDifference(out, once)).isGreaterThan(0);
            assertThat(refine.restore(gray, 0).image()).isEqualTo(out);
        }
    }

    @Test
    void aDamageMaskFeedsTheMaskChannelAndAnEmptyOneIsNoMask() {
        FloatImage image = SyntheticImages.textured(3, 24, 24, 7);
        try (DiffusionModel model = tinyRestorer()) {
            BlindRestorer restorer = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(16)
                    .optOverlap(4)
                    .build();
            FloatImage plain = restorer.restore(image, 1).image();
            assertThat(restorer.restore(image, Mask.empty(24, 24), 1).image()).isEqualTo(plain);
            FloatImage masked =
                    restorer.restore(image, Mask.box(24, 24, 8, 8, 6, 6), 1).image();
            assertThat(maxDifference(masked, plain))
                    .as("the mask channel reaches the network")
                    .isGreaterThan(0);
            assertThatThrownBy(() -> restorer.restore(image, Mask.empty(20, 24), 1))
                    .hasMessageContaining("20x24")
                    .hasMessageContaining("24x24");
        }
    }

    @Test
    void asAMaskFillOnlyTheMaskedPixelsChangeAndTheyComeFromTheRestorationOfTheHarmonicGuess() {
        FloatImage image = SyntheticImages.textured(3, 24, 24, 5).withBitDepth(16);
        Mask box = Mask.box(24, 24, 6, 9, 7, 5);
        try (DiffusionModel model = tinyRestorer()) {
            BlindRestorer restorer = BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(16)
                    .optOverlap(4)
                    .build();
            MaskFill fill = restorer.maskFill();

            FloatImage filled = fill.inpaint(image, box);

            FloatImage expected =
                    restorer.restore(HoleFill.fill(image, box), box, 0).image();
            float[] in = image.toArray();
            float[] out = filled.toArray();
            float[] restored = expected.toArray();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 24; y++) {
                    for (int x = 0; x < 24; x++) {
                        int i = (c * 24 + y) * 24 + x;
                        assertThat(out[i])
                                .as("channel %d at (%d, %d)", c, y, x)
                                .isEqualTo(box.get(y, x) ? restored[i] : in[i]);
                    }
                }
            }
            assertThat(filled.bitDepth()).isEqualTo(16);
            assertThat(fill.inpaint(image, Mask.empty(24, 24))).isSameAs(image);
            assertThat(fill.describe()).startsWith("mask-conditioned restorer ").contains("one step");
        }
    }

    @Test
    void aDenoiserIsRefusedWithTheReasonAndBadSettingsNameTheirValues() {
        try (DiffusionModel denoiser = TestNetworks.tinyModel();
                DiffusionModel restorer = tinyRestorer()) {
            assertThat(BlindRestorer.accepts(denoiser)).isFalse();
            assertThat(BlindRestorer.accepts(restorer)).isTrue();
            assertThatThrownBy(() -> BlindRestorer.builder().setModel(denoiser).build())
                    .hasMessageContaining("'eps'")
                    .hasMessageContaining("x0-residual");
            assertThatThrownBy(() -> BlindRestorer.builder()
                            .setModel(restorer)
                            .optTileSize(16)
                            .optOverlap(8)
                            .build())
                    .hasMessageContaining("overlap 8");
            assertThatThrownBy(() -> BlindRestorer.builder()
                            .setModel(restorer)
                            .optRefineSteps(-1)
                            .build())
                    .hasMessageContaining("got -1");
        }
    }
}
