package dev.imagerestore.models.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthMap;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthGuidedTranslatorTest {

    private static final UNetConfig CONFIG = new UNetConfig(3, 2, List.of(8, 16, 32), 1, false, 4, 2);
    private static Block block;
    private static DiffusionModel model;

    @BeforeAll
    static void tinyModel() {
        TorchThreads.configure(1);
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(5);
        block = UNet.build(CONFIG);
        ModelCard card = new ModelCard(
                ModelCard.FORMAT,
                "tiny-depth2img",
                "random weights for tests",
                CONFIG,
                DepthGuidedTranslator.CONDITIONS,
                List.of("night", "photo"),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                "eps",
                null,
                null,
                Map.of());
        model = DiffusionModel.of(card, block);
        block.initialize(model.manager(), DataType.FLOAT32, UNet.inputShapes(CONFIG, 1, 8));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static FloatImage image(int h, int w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = new float[3 * h * w];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextDouble();
        }
        return FloatImage.wrap(3, h, w, 8, samples);
    }

    private static DepthMap ramp(int h, int w) {
        float[] values = new float[h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + (i / w);
        }
        return DepthMap.of(h, w, values, DepthConvention.DEPTH);
    }

    private static DepthGuidedTranslator.Builder builder() {
        return DepthGuidedTranslator.builder()
                .setModel(model)
                .optStrength(0.5)
                .optSteps(6)
                .optGuidance(2)
                .optTileSize(16)
                .optOverlap(4)
                .optSeed(3);
    }

    @Test
    void theSameSeedGivesTheSameOutputWhateverTheTileBatching() {
        FloatImage input = image(20, 36, 1);
        FloatImage a = builder().optBatchSize(1).build().translate(input, ramp(20, 36), "night", 9);
        FloatImage b = builder().optBatchSize(5).build().translate(input, ramp(20, 36), "night", 9);
        assertThat(a.toArray()).containsExactly(b.toArray(), within(1e-5f));
        assertThat(builder().build().stepsRun()).isEqualTo(3);
    }

    @Test
    void guidedTranslationKeepsItsOutputs() {
        // golden samples of the seeded random tiny UNet's translations. Not bit digests: oneDNN picks
        // its convolution kernels by CPU (AVX2 or AVX-512), which moves the last bits; 1e-3 still
        // catches any change of the sampler or the guidance
        FloatImage input = image(20, 28, 6);
        float[] guided =
                builder().build().translate(input, ramp(20, 28), "night", 4).toArray();
        float[] inverted = builder()
                .optEncoding(Encoding.INVERSION)
                .build()
                .translate(input, ramp(20, 28), "photo", 4)
                .toArray();
        assertThat(samples(guided)).containsExactly(GUIDED, within(1e-3f));
        assertThat(samples(inverted)).containsExactly(INVERTED, within(1e-3f));
    }

    private static final float[] GUIDED = {0.0f, 1.0f, 1.0f, 0.8385434f, 0.0f, 1.0f, 0.54762626f};
    private static final float[] INVERTED = {
        0.57418925f, 0.35183644f, 0.99237394f, 0.41357797f, 1.0f, 0.32826996f, 0.48369682f
    };

    /** Six samples spread over the image, then the mean of all. */
    private static float[] samples(float[] values) {
        float[] out = new float[7];
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        for (int k = 0; k < 6; k++) {
            out[k] = values[(int) ((long) k * (values.length - 1) / 5)];
        }
        out[6] = (float) (sum / values.length);
        return out;
    }

    @Test
    void translationRunsOnTheDeviceItsModelWasLoadedOnto(@TempDir Path dir) throws Exception {
        ModelDirectory.save(dir, block, model.card());
        FloatImage input = image(16, 24, 4);
        try (DiffusionModel onCpu = DiffusionModel.load(dir, Device.cpu())) {
            DepthGuidedTranslator translator = DepthGuidedTranslator.builder()
                    .setModel(onCpu)
                    .optStrength(0.5)
                    .optSteps(6)
                    .optGuidance(2)
                    .optTileSize(16)
                    .optOverlap(4)
                    .optSeed(3)
                    .build();
            assertThat(translator.device()).isEqualTo(Device.cpu());
            assertThat(translator.translate(input, ramp(16, 24), "night", 9).toArray())
                    .containsExactly(
                            builder()
                                    .build()
                                    .translate(input, ramp(16, 24), "night", 9)
                                    .toArray(),
                            within(1e-6f));
        }
    }

    @Test
    void seedsImageIdsDepthAndLabelsChangeTheOutput() {
        FloatImage input = image(16, 16, 2);
        DepthGuidedTranslator translator = builder().build();
        float[] base = translator.translate(input, ramp(16, 16), "night", 1).toArray();
        assertThat(builder()
                        .optSeed(4)
                        .build()
                        .translate(input, ramp(16, 16), "night", 1)
                        .toArray())
                .isNotEqualTo(base);
        assertThat(translator.translate(input, ramp(16, 16), "night", 2).toArray())
                .isNotEqualTo(base);
        assertThat(translator.translate(input, null, "night", 1).toArray()).isNotEqualTo(base);
        assertThat(translator.translate(input, ramp(16, 16), "photo", 1).toArray())
                .isNotEqualTo(base);
        for (float v : base) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void inversionStartsFromTheImagesOwnCodeSoTheSeedPlaysNoPart() {
        FloatImage input = image(16, 24, 5);
        DepthGuidedTranslator inverting =
                builder().optEncoding(Encoding.INVERSION).build();
        float[] base = inverting.translate(input, ramp(16, 24), "night", 1).toArray();

        assertThat(builder()
                        .optEncoding(Encoding.INVERSION)
                        .optSeed(99)
                        .build()
                        .translate(input, ramp(16, 24), "night", 2)
                        .toArray())
                .containsExactly(base, within(1e-6f));
        assertThat(builder().build().translate(input, ramp(16, 24), "night", 1).toArray())
                .isNotEqualTo(base);
        assertThat(builder()
                        .optEncoding(Encoding.INVERSION)
                        .optSource("night")
                        .build()
                        .translate(input, ramp(16, 24), "night", 1)
                        .toArray())
                .as("the source label is used")
                .isNotEqualTo(base);
        assertThat(inverting.translate(input, null, "night", 1).toArray())
                .as("depth is used")
                .isNotEqualTo(base);
        assertThat(inverting.encoding()).isEqualTo(Encoding.INVERSION);
        assertThat(inverting.source()).isEqualTo("photo");
        assertThat(DepthGuidedTranslator.builder()
                        .setModel(model)
                        .optEncoding(Encoding.INVERSION)
                        .build()
                        .guidance())
                .as("unguided unless asked")
                .isEqualTo(1.0);
        assertThat(DepthGuidedTranslator.builder().setModel(model).build().guidance())
                .isEqualTo(3.0);
    }

    @Test
    void aSourceLabelOutsideTheVocabularyIsRefusedOnlyForInversion() {
        assertThatThrownBy(() -> builder()
                        .optEncoding(Encoding.INVERSION)
                        .optSource("indoor")
                        .build())
                .hasMessage("source label 'indoor' for the inversion is not in the vocabulary [night, photo] of model "
                        + "tiny-depth2img; name the inputs' domain with --source");
        assertThat(builder().optSource("indoor").build().encoding()).isEqualTo(Encoding.NOISE);
    }

    @Test
    void unknownTargetsAndModelsWithoutDepthAreRejectedWithTheFix() {
        assertThatThrownBy(() -> builder().build().translate(image(16, 16, 3), null, "sepia-print", 0))
                .hasMessageContaining("[night, photo]")
                .hasMessageContaining("--target");
        assertThatThrownBy(() -> builder().optStrength(0).build()).hasMessageContaining("strength");
    }
}
