package dev.imagerestore.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.configuration.Configuration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL-backed processor (the models library's batch denoiser behind the inference service) on a
 * tiny, randomly initialised UNet saved as a model directory.
 */
class DiffusionProcessorFactoryTest {

    private static final UNetConfig TINY = new UNetConfig(3, 0, List.of(8, 16, 32), 1, false, 4, 0);
    private static final double SIGMA = 25;

    @TempDir
    static Path modelDir;

    @BeforeAll
    static void saveTinyModel() throws Exception {
        TorchThreads.configure(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(TINY);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(TINY, 1, 8));
            ModelCard card = new ModelCard(
                    ModelCard.FORMAT,
                    "tiny",
                    "random test UNet",
                    TINY,
                    List.of(),
                    List.of(),
                    ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                    ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                    "eps",
                    null,
                    null,
                    null);
            ModelDirectory.save(modelDir, block, card);
        }
    }

    @Test
    void batchOfMixedTilesComesBackAsOneFreshArrayPerTileInOrder() throws Exception {
        List<TileWork> tiles = List.of(
                tile(3, 8, SIGMA, 1), tile(3, 8, 10, 2), tile(3, 16, SIGMA, 3), tile(3, 8, 0, 4), tile(3, 8, 50, 5));
        try (TileBatchProcessor processor = factory().create(InferenceDevice.cpu(1))) {
            List<float[]> restored = processor.process(tiles);

            assertThat(restored).hasSize(tiles.size());
            for (int i = 0; i < tiles.size(); i++) {
                assertThat(restored.get(i))
                        .hasSameSizeAs(tiles.get(i).samples())
                        .isNotSameAs(tiles.get(i).samples());
                for (float v : restored.get(i)) {
                    assertThat(v).isBetween(0f, 1f);
                }
            }
            assertThat(restored.get(3))
                    .as("zero noise: unchanged")
                    .containsExactly(tiles.get(3).samples());
        }
    }

    /** Tweedie's one-step posterior mean, x0 = (x_t - sqrt(1 - ab) eps) / sqrt(ab), from the model's own eps. */
    @Test
    void restorationIsThePosteriorMeanOfTheNoisePrediction() throws Exception {
        TileWork tile = tile(3, 8, SIGMA, 6);
        float[] expected;
        try (DiffusionModel model = DiffusionModel.load(modelDir);
                NoisePredictor predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            double t = model.schedule().timestepForPixelSigma(SIGMA);
            double ab = model.schedule().alphaBar(t);
            float[] x = new float[tile.samples().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (Math.sqrt(ab) * (2 * tile.samples()[i] - 1));
            }
            NDArray eps = predictor.predictNoise(
                    NativeArrays.create(manager, x, new Shape(1, 3, 8, 8)),
                    NativeArrays.create(manager, new float[] {(float) t}),
                    null);
            float[] e = eps.toFloatArray();
            expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                double x0 = (x[i] - Math.sqrt(1 - ab) * e[i]) / Math.sqrt(ab);
                expected[i] = (float) ((Math.max(-1, Math.min(1, x0)) + 1) / 2);
            }
        }
        try (TileBatchProcessor processor = factory().create(InferenceDevice.cpu(1))) {
            float[] alone = processor.process(List.of(tile)).get(0);
            float[] inBatch = processor
                    .process(List.of(tile(3, 8, 50, 7), tile, tile(3, 8, 10, 8)))
                    .get(1);
            assertThat(alone).containsExactly(expected, Offset.offset(1e-5f));
            assertThat(inBatch).as("independent of batch neighbours").containsExactly(alone, Offset.offset(1e-5f));
        }
    }

    @Test
    void tileSizeTheModelCannotTakeIsRejectedWhenTheProcessorIsCreated() {
        DiffusionProcessorFactory factory = factory(10, 2);

        assertThatThrownBy(() -> factory.create(InferenceDevice.cpu(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "tile size 10 must be a positive multiple of the network's size multiple 4; choose e.g. 12");
    }

    @Test
    void missingModelDirectoryIsRequiredAtBuild() {
        assertThatThrownBy(() -> DiffusionProcessorFactory.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the model directory and the inference settings are required: call "
                        + "setModelDirectory(...) and setInference(...)");
    }

    @Test
    void gpuThePyTorchBuildDoesNotSeeIsRefusedBeforeLoading() {
        int visible = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        assertThatThrownBy(() -> factory().create(InferenceDevice.gpu(visible)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Flink assigned GPU " + visible + " but PyTorch sees " + visible + " GPU(s)");
    }

    @Test
    void factoryIsKeyedByTheModelDirectoryAndTheRefinement() {
        assertThat(factory().modelKey()).isEqualTo("denoise:" + modelDir + ":refine=0:seed=0:ensemble=1");
        assertThat(DiffusionProcessorFactory.builder()
                        .setModelDirectory(modelDir)
                        .setInference(InferenceSettings.defaults())
                        .optRefinement(2, 7)
                        .optSelfEnsemble(4)
                        .build()
                        .modelKey())
                .isEqualTo("denoise:" + modelDir + ":refine=2:seed=7:ensemble=4");
        assertThat(DiffusionProcessorFactory.builder()
                        .setModelDirectory(modelDir)
                        .setInference(InferenceSettings.defaults())
                        .optRefinement(2, 7)
                        .optSampler(SamplerKind.HEUN)
                        .build()
                        .modelKey())
                .isEqualTo("denoise:" + modelDir + ":refine=2:heun:seed=7:ensemble=1");
        assertThatThrownBy(() -> DiffusionProcessorFactory.builder().optSelfEnsemble(6))
                .hasMessage("self-ensemble must be 1, 2, 4 or 8 transforms, got 6");
    }

    @Test
    void selfEnsembleProcessorAveragesTheTileSymmetries() throws Exception {
        TileWork tile = tile(3, 8, SIGMA, 9);
        Configuration config = new Configuration();
        config.set(InferenceOptions.TILE_SIZE, 16);
        config.set(InferenceOptions.OVERLAP, 4);
        DiffusionProcessorFactory eight = DiffusionProcessorFactory.builder()
                .setModelDirectory(modelDir)
                .setInference(InferenceSettings.from(config))
                .optSelfEnsemble(8)
                .build();
        try (TileBatchProcessor plain = factory().create(InferenceDevice.cpu(1));
                TileBatchProcessor ensemble = eight.create(InferenceDevice.cpu(1))) {
            float[] one = plain.process(List.of(tile)).get(0);
            float[] mean = ensemble.process(List.of(tile)).get(0);
            float[] inBatch =
                    ensemble.process(List.of(tile(3, 8, 50, 10), tile)).get(1);
            assertThat(mean).hasSameSizeAs(one);
            double difference = 0;
            for (int i = 0; i < one.length; i++) {
                difference = Math.max(difference, Math.abs(one[i] - mean[i]));
            }
            assertThat(difference)
                    .as("a random UNet is not symmetric, so the mean differs")
                    .isGreaterThan(1e-4);
            assertThat(inBatch).containsExactly(mean, Offset.offset(1e-6f));
        }
    }

    private static DiffusionProcessorFactory factory() {
        return factory(16, 4);
    }

    private static DiffusionProcessorFactory factory(int tileSize, int overlap) {
        Configuration config = new Configuration();
        config.set(InferenceOptions.TILE_SIZE, tileSize);
        config.set(InferenceOptions.OVERLAP, overlap);
        return DiffusionProcessorFactory.builder()
                .setModelDirectory(modelDir)
                .setInference(InferenceSettings.from(config))
                .build();
    }

    private static TileWork tile(int channels, int size, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = new float[channels * size * size];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextDouble();
        }
        return new TileWork(samples, size, sigma, seed, 0, 0);
    }
}
