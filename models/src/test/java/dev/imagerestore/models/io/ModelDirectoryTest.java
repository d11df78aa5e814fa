package dev.imagerestore.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    static final UNetConfig TINY = new UNetConfig(3, 0, List.of(8, 16, 32), 1, false, 4, 0);

    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    static ModelCard card(UNetConfig config) {
        ModelCard.Training training = new ModelCard.Training(
                List.of(new ModelCard.DataSource("synthetic", "/tmp/x", "generated")),
                10,
                4,
                16,
                1e-3,
                7,
                1.5,
                "test",
                "train --steps 10",
                0.5);
        return new ModelCard(
                ModelCard.FORMAT,
                "tiny",
                "test model",
                config,
                List.of(),
                List.of(),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                "eps",
                training,
                null,
                Map.of("cbsd68", Map.of("sigma25", 30.1)));
    }

    private ModelCard saveTiny() throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(TINY);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(TINY, 1, 8));
            return ModelDirectory.save(dir, block, card(TINY));
        }
    }

    @Test
    void cardSurvivesAJsonRoundTrip() throws IOException {
        ModelCard written = saveTiny();
        ModelCard read = ModelDirectory.readCard(dir);
        assertThat(read).isEqualTo(written);
        assertThat(read.weights().sha256()).hasSize(64);
        assertThat(read.weights().parameters()).isPositive();
        assertThat(read.evaluation()).containsKey("cbsd68");
        assertThat(read.testTimeViews()).isNull();
        assertThat(Files.readString(dir.resolve(ModelDirectory.CARD_FILE))).doesNotContain("testTimeViews");
    }

    @Test
    void testTimeViewsAreReadBackAndAZoomOutsideTheirRangeIsRefusedNamingTheFile() throws IOException {
        saveTiny();
        Path file = dir.resolve(ModelDirectory.CARD_FILE);
        String json = Files.readString(file);
        Files.writeString(
                file,
                json.replace(
                        "\"prediction\": \"eps\",",
                        "\"prediction\": \"eps\",\n  \"testTimeViews\": {\"zoom\": 1.25},"));
        assertThat(ModelDirectory.readCard(dir).testTimeViews()).isEqualTo(new ModelCard.TestTimeViews(1.25));

        Files.writeString(
                file,
                json.replace(
                        "\"prediction\": \"eps\",", "\"prediction\": \"eps\",\n  \"testTimeViews\": {\"zoom\": 3},"));
        assertThatThrownBy(() -> ModelDirectory.readCard(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(ModelDirectory.CARD_FILE)
                .hasMessageContaining("testTimeViews.zoom must be in (1, 2], got 3.0");
    }

    @Test
    void loadedModelPredictsWhatTheSavedBlockPredicted() throws IOException {
        float[] expected;
        float[] input = new float[3 * 8 * 8];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i * 0.37);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(TINY);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(TINY, 1, 8));
            ModelCard card = ModelDirectory.save(dir, block, card(TINY));
            try (DiffusionModel original = DiffusionModel.of(card, block);
                    NoisePredictor p = original.newPredictor()) {
                expected = p.predictNoise(
                                NativeArrays.create(manager, input, new Shape(1, 3, 8, 8)),
                                NativeArrays.create(manager, new float[] {42f}),
                                null)
                        .toFloatArray();
            }
        }
        try (DiffusionModel loaded = DiffusionModel.load(dir);
                NoisePredictor p = loaded.newPredictor();
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray eps = p.predictNoise(
                    NativeArrays.create(manager, input, new Shape(1, 3, 8, 8)),
                    NativeArrays.create(manager, new float[] {42f}),
                    null);
            assertThat(eps.toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void modelLoadedOntoADeviceKeepsItsWeightsThereAndPredictsAsTheDefaultLoad() throws IOException {
        saveTiny();
        float[] input = new float[3 * 8 * 8];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.cos(i * 0.21);
        }
        try (DiffusionModel byDefault = DiffusionModel.load(dir);
                DiffusionModel onCpu = DiffusionModel.load(dir, Device.cpu())) {
            assertThat(onCpu.device()).isEqualTo(Device.cpu());
            assertThat(onCpu.manager().getDevice()).isEqualTo(Device.cpu());
            assertThat(onCpu.manager().newSubManager().getDevice())
                    .as("sub-managers stay on the model's device")
                    .isEqualTo(Device.cpu());
            assertThat(predict(onCpu, input)).containsExactly(predict(byDefault, input));
        }
        assertThatThrownBy(() -> DiffusionModel.load(dir, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("device");
    }

    private static float[] predict(DiffusionModel model, float[] input) {
        try (NDManager manager = model.manager().newSubManager();
                NoisePredictor p = model.newPredictor()) {
            NDArray eps = p.predictNoise(
                    NativeArrays.create(manager, input, new Shape(1, 3, 8, 8)),
                    NativeArrays.create(manager, new float[] {42f}),
                    null);
            assertThat(eps.getDevice()).isEqualTo(model.device());
            return eps.toFloatArray();
        }
    }

    @Test
    void corruptWeightsAreReportedWithTheFileAndTheDigests() throws IOException {
        saveTiny();
        Path weights = dir.resolve(ModelDirectory.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(weights, bytes);
        assertThatThrownBy(() -> DiffusionModel.load(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(weights.toString())
                .hasMessageContaining("SHA-256");
    }

    @Test
    void weightsOfAnotherArchitectureAreRejectedByShape() throws IOException {
        saveTiny();
        ModelCard card = ModelDirectory.readCard(dir);
        UNetConfig wider = new UNetConfig(3, 0, List.of(8, 16, 64), 1, false, 4, 0);
        ModelCard lying = new ModelCard(
                card.format(),
                card.name(),
                card.description(),
                wider,
                List.of(),
                List.of(),
                card.grayscale(),
                card.schedule(),
                card.prediction(),
                card.training(),
                card.weights(),
                card.evaluation());
        ModelCards.write(lying, dir.resolve(ModelDirectory.CARD_FILE));
        assertThatThrownBy(() -> DiffusionModel.load(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(ModelDirectory.WEIGHTS_FILE)
                .hasMessageContaining("architecture");
    }

    @Test
    void missingOrMalformedCardsNameTheFile() throws IOException {
        assertThatThrownBy(() -> DiffusionModel.load(dir.resolve("absent")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model directory not found");
        Files.writeString(dir.resolve(ModelDirectory.CARD_FILE), "{\"format\": \"something-else/9\", \"name\": \"x\"}");
        assertThatThrownBy(() -> ModelDirectory.readCard(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(ModelDirectory.CARD_FILE);
        Files.writeString(dir.resolve(ModelDirectory.CARD_FILE), "{not json");
        assertThatThrownBy(() -> ModelDirectory.readCard(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a valid model card");
    }
}
