package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.detect.DamageNetwork;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTrainerTest {

    @TempDir
    static Path dir;

    private static TrainingImages images;

    @BeforeAll
    static void data() throws IOException {
        TorchThreads.configure(1);
        images = TrainingImages.load(
                List.of(new TrainingImages.Source(
                        null, SyntheticImages.trainingFolder(dir.resolve("images"), 6, 1), 1)),
                16);
    }

    private static TrainingSettings settings(String name, long steps) {
        return TrainingSettings.builder()
                .setSources(images.sources())
                .setSteps(steps)
                .setWorkDirectory(dir.resolve(name + "-work"))
                .setOutputDirectory(dir.resolve(name))
                .optArchitecture(DamageNetwork.architecture(List.of(16, 16, 32), 1, false, 8))
                .optCrop(16)
                .optBatch(4)
                .optLearningRate(1e-3)
                .optWarmupSteps(1)
                .optEmaDecay(0.5)
                .optSeed(7)
                .optCheckpointEvery(steps)
                .optName("detector-test")
                .optCommand("train-detector --test")
                .build();
    }

    private static TrainingResult train(String name, long steps, List<String> lines) throws IOException {
        return train(name, steps, images, DetectorTrainer.Rendering.onCrop(16), lines);
    }

    private static TrainingResult train(
            String name, long steps, CropSource data, DetectorTrainer.Rendering rendering, List<String> lines)
            throws IOException {
        return new DetectorTrainer(
                        settings(name, steps),
                        data,
                        DamageGenerator.builder().setSeed(7).build(),
                        Degradations.parse("realistic", DetectorTrainer.scanSeed(7)),
                        DetectorTrainer.DEFAULT_POSITIVE_WEIGHT,
                        rendering,
                        lines::add)
                .run(steps, () -> false);
    }

    private static byte[] weights(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name).resolve(ModelDirectory.WEIGHTS_FILE));
    }

    @Test
    void weightedCrossEntropyMatchesItsClosedForm() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = NativeArrays.create(manager, new float[] {0, 2, -1}, new Shape(3));
            NDArray labels = NativeArrays.create(manager, new float[] {1, 0, 1}, new Shape(3));

            float loss = DetectorTrainer.weightedBinaryCrossEntropy(logits, labels, 5)
                    .getFloat();

            double expected = (5 * Math.log(2) + Math.log(1 + Math.exp(2)) + 5 * Math.log(1 + Math.E)) / 3;
            assertThat((double) loss).isCloseTo(expected, Offset.offset(1e-5));
            assertThat(DetectorTrainer.weightedBinaryCrossEntropy(
                                    NativeArrays.create(manager, new float[] {80, -80}, new Shape(2)),
                                    NativeArrays.create(manager, new float[] {1, 0}, new Shape(2)),
                                    5)
                            .getFloat())
                    .as("confident and right: no overflow")
                    .isCloseTo(0f, Offset.offset(1e-6f));
        }
    }

    @Test
    void threeStepsGiveAFiniteLossMovedWeightsAndADetectorCard() throws IOException {
        List<String> lines = new ArrayList<>();
        TrainingResult result = train("three", 3, lines);
        train("one", 1, new ArrayList<>());

        assertThat(result.steps()).isEqualTo(3);
        assertThat(result.recentLoss()).isFinite().isPositive();
        assertThat(lines).anyMatch(l -> l.startsWith("step 3/3 loss "));
        assertThat(weights("three"))
                .as("two more updates move the averaged weights")
                .isNotEqualTo(weights("one"));
        ModelCard card = ModelDirectory.readCard(dir.resolve("three"));
        assertThat(card.prediction()).isEqualTo(DamageNetwork.PREDICTION);
        assertThat(card.conditions()).isEqualTo(DamageNetwork.CONDITIONS);
        assertThat(card.detection()).isEqualTo(new ModelCard.Detection(0.5));
        assertThat(card.training().command()).isEqualTo("train-detector --test");
        assertThat(card.description()).contains("'realistic' scan effects").contains("weighted 5.0");
    }

    @Test
    void theSameSeedGivesTheSameWeights() throws IOException {
        train("again-a", 3, new ArrayList<>());
        train("again-b", 3, new ArrayList<>());

        assertThat(weights("again-b")).isEqualTo(weights("again-a"));
    }

    @Test
    void aNetworkOfAnotherTaskIsRefused() {
        TrainingSettings restorer = TrainingSettings.builder()
                .setSources(images.sources())
                .setSteps(1)
                .setWorkDirectory(dir.resolve("w"))
                .setOutputDirectory(dir.resolve("o"))
                .optArchitecture(new UNetConfig(3, 0, List.of(16, 16, 32), 1, false, 8, 0))
                .optCrop(16)
                .build();

        assertThatThrownBy(() -> new DetectorTrainer(
                        restorer,
                        images,
                        DamageGenerator.builder().setSeed(1).build(),
                        Degradations.parse("none", 1),
                        5,
                        DetectorTrainer.Rendering.onCrop(16),
                        line -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damage detector");
    }

    @Test
    void damageDrawnOnALargerCanvasTrainsOnWindowsOfItAndIsRecordedOnTheCard() throws IOException {
        CropSource canvases = TrainingImages.load(images.sources(), 24);
        DetectorTrainer.Rendering rendering = new DetectorTrainer.Rendering(24, 0.5, 0.5);

        TrainingResult result = train("canvas-a", 3, canvases, rendering, new ArrayList<>());
        train("canvas-b", 3, canvases, rendering, new ArrayList<>());
        train("canvas-control", 3, new ArrayList<>());

        assertThat(result.recentLoss()).isFinite().isPositive();
        assertThat(weights("canvas-b")).isEqualTo(weights("canvas-a"));
        assertThat(weights("canvas-a"))
                .as("other damage than on the crop itself")
                .isNotEqualTo(weights("canvas-control"));
        assertThat(ModelDirectory.readCard(dir.resolve("canvas-a")).description())
                .contains("on 24x24 canvases, the network seeing a random 16x16 window")
                .contains("50% of colour crops turned grey first")
                .contains("50% of crops overexposed first, a gain of 1.2-2.5 clipped at white");
    }

    @Test
    void aCanvasOtherThanTheDataCropsOrBelowTheCropIsRefused() {
        assertThatThrownBy(() -> train("bad-canvas", 1, images, new DetectorTrainer.Rendering(24, 0, 0), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the data gives 16-pixel crops, the damage canvas is 24");
        assertThatThrownBy(() -> train("small-canvas", 1, images, new DetectorTrainer.Rendering(12, 0, 0), List.of()))
                .hasMessageContaining("damage canvas 12 is smaller than the crop 16");
        assertThatThrownBy(() -> new DetectorTrainer.Rendering(16, 1.5, 0)).hasMessageContaining("grey share");
        assertThatThrownBy(() -> new DetectorTrainer.Rendering(16, 0, -0.1)).hasMessageContaining("overexposed share");
    }

    @Test
    void anOverexposedCropIsItsSamplesTimesTheGainClippedAtWhite() {
        FloatImage image = FloatImage.wrap(1, 1, 4, 8, new float[] {0, 0.2f, 0.5f, 0.9f});

        FloatImage overexposed = DetectorTrainer.overexposed(image, 2);

        assertThat(overexposed.toArray()).containsExactly(0, 0.4f, 1, 1);
        assertThat(image.toArray()).as("the input is kept").containsExactly(0, 0.2f, 0.5f, 0.9f);
    }
}
