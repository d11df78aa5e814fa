package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffusionTrainerTest {

    private static final UNetConfig TINY = new UNetConfig(3, 0, List.of(16, 16, 32), 1, false, 8, 0);

    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    private TrainingSettings settings(Path data, Path work, Path out, long steps) {
        return TrainingSettings.builder()
                .setSources(List.of(new TrainingImages.Source(null, data, 1)))
                .setSteps(steps)
                .setWorkDirectory(work)
                .setOutputDirectory(out)
                .optArchitecture(TINY)
                .optCrop(16)
                .optBatch(4)
                .optLearningRate(3e-3)
                .optWarmupSteps(5)
                .optCheckpointEvery(steps)
                .optSeed(11)
                .optCommand("train --test")
                .build();
    }

    @Test
    void aShortRunOnSyntheticImagesLowersTheLoss() throws IOException {
        Path data = SyntheticImages.trainingFolder(dir.resolve("data"), 6, 1);
        List<String> lines = new ArrayList<>();
        TrainingSettings s = settings(data, dir.resolve("work"), dir.resolve("model"), 150);
        TrainingResult result = new DiffusionTrainer(s, TrainingImages.load(s.sources(), 16), lines::add).run();
        List<Double> losses = lines.stream()
                .filter(l -> l.startsWith("step "))
                .map(l -> Double.parseDouble(l.split(" ")[3]))
                .toList();
        assertThat(losses).hasSize(6);
        assertThat(losses.get(losses.size() - 1)).isLessThan(0.8 * losses.get(0));
        ModelCard card = ModelDirectory.readCard(dir.resolve("model"));
        assertThat(card.training().steps()).isEqualTo(150);
        assertThat(card.training().command()).isEqualTo("train --test");
        assertThat(card.weights().sha256())
                .isEqualTo(ModelDirectory.sha256(dir.resolve("model").resolve(ModelDirectory.WEIGHTS_FILE)));
        assertThat(result.recentLoss())
                .isCloseTo(losses.get(losses.size() - 1), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void aRunInterruptedByUntilOrByAStopRequestResumesToTheWeightsOfAnUninterruptedOne() throws IOException {
        Path data = SyntheticImages.trainingFolder(dir.resolve("data"), 4, 2);
        TrainingSettings straight = settings(data, dir.resolve("w1"), dir.resolve("m1"), 20);
        new DiffusionTrainer(straight, TrainingImages.load(straight.sources(), 16), l -> {}).run();

        TrainingSettings interrupted = settings(data, dir.resolve("w2"), dir.resolve("m2"), 20);
        new DiffusionTrainer(interrupted, TrainingImages.load(interrupted.sources(), 16), l -> {}).run(10);
        assertThat(ModelDirectory.readCard(dir.resolve("m2")).training().steps())
                .isEqualTo(10);
        new DiffusionTrainer(interrupted, TrainingImages.load(interrupted.sources(), 16), l -> {}).run();

        TrainingSettings stopped = settings(data, dir.resolve("w3"), dir.resolve("m3"), 20);
        int[] asked = {0};
        List<String> lines = new ArrayList<>();
        TrainingResult result = new DiffusionTrainer(stopped, TrainingImages.load(stopped.sources(), 16), lines::add)
                .run(20, () -> ++asked[0] == 7);
        assertThat(result.steps()).isEqualTo(7);
        assertThat(asked[0]).as("asked once per step, and not after the stop").isEqualTo(7);
        assertThat(ModelDirectory.readCard(dir.resolve("m3")).training().steps())
                .isEqualTo(7);
        assertThat(lines)
                .contains("stopped on request after step 7; the same command resumes from "
                        + dir.resolve("w3").resolve("checkpoint"));
        new DiffusionTrainer(stopped, TrainingImages.load(stopped.sources(), 16), l -> {}).run();

        byte[] uninterrupted = Files.readAllBytes(dir.resolve("m1").resolve(ModelDirectory.WEIGHTS_FILE));
        assertThat(Files.readAllBytes(dir.resolve("m2").resolve(ModelDirectory.WEIGHTS_FILE)))
                .isEqualTo(uninterrupted);
        assertThat(Files.readAllBytes(dir.resolve("m3").resolve(ModelDirectory.WEIGHTS_FILE)))
                .isEqualTo(uninterrupted);
    }

    @Test
    void aSecondPhaseStartsFromTheGivenWeightsAndRecordsTheFirstPhaseInItsCard() throws IOException {
        Path data = SyntheticImages.trainingFolder(dir.resolve("data"), 4, 3);
        TrainingSettings first = settings(data, dir.resolve("w1"), dir.resolve("m1"), 20);
        new DiffusionTrainer(first, TrainingImages.load(first.sources(), 16), l -> {}).run();

        // a learning rate far below float resolution: the second phase's weights must be the first's
        TrainingSettings second = TrainingSettings.builder()
                .setSources(first.sources())
                .setSteps(1)
                .setWorkDirectory(dir.resolve("w2"))
                .setOutputDirectory(dir.resolve("m2"))
                .optArchitecture(TINY)
                .optCrop(16)
                .optBatch(4)
                .optLearningRate(1e-15)
                .optWarmupSteps(0)
                .optSeed(12)
                .optCommand("train --phase-two")
                .optInitialWeights(dir.resolve("m1"))
                .build();
        List<String> lines = new ArrayList<>();
        new DiffusionTrainer(second, TrainingImages.load(second.sources(), 16), lines::add).run();

        assertThat(lines).contains("starting from the weights of " + dir.resolve("m1"));
        List<float[]> before = parameters(dir.resolve("m1"));
        List<float[]> after = parameters(dir.resolve("m2"));
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(maxDifference(before.get(i), after.get(i)))
                    .as("parameter %d", i)
                    .isLessThan(1e-6);
        }
        ModelCard.Training training = ModelDirectory.readCard(dir.resolve("m2")).training();
        assertThat(training.command()).isEqualTo("train --phase-two");
        assertThat(training.startedFrom().command()).isEqualTo("train --test");
        assertThat(training.startedFrom().steps()).isEqualTo(20);
        assertThat(training.totalSteps()).isEqualTo(21);
    }

    @Test
    void aSecondPhaseOfAnotherArchitectureIsRefusedNamingBoth() throws IOException {
        Path data = SyntheticImages.trainingFolder(dir.resolve("data"), 4, 4);
        TrainingSettings first = settings(data, dir.resolve("w1"), dir.resolve("m1"), 2);
        new DiffusionTrainer(first, TrainingImages.load(first.sources(), 16), l -> {}).run();
        UNetConfig wider = new UNetConfig(3, 0, List.of(16, 32, 32), 1, false, 8, 0);
        TrainingSettings second = TrainingSettings.builder()
                .setSources(first.sources())
                .setSteps(1)
                .setWorkDirectory(dir.resolve("w2"))
                .setOutputDirectory(dir.resolve("m2"))
                .optArchitecture(wider)
                .optCrop(16)
                .optBatch(4)
                .optInitialWeights(dir.resolve("m1"))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DiffusionTrainer(second, TrainingImages.load(second.sources(), 16), l -> {}).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--init " + dir.resolve("m1"))
                .hasMessageContaining(TINY.toString())
                .hasMessageContaining(wider.toString());
    }

    private static List<float[]> parameters(Path model) throws IOException {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            ModelCard card = ModelDirectory.readCard(model);
            List<float[]> out = new ArrayList<>();
            for (ai.djl.nn.Parameter p : ModelDirectory.loadBlock(model, card, manager)
                    .getParameters()
                    .values()) {
                out.add(p.getArray().toFloatArray());
            }
            return out;
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
