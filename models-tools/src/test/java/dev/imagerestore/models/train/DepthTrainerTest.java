package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.depth.DepthNetwork;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthTrainerTest {

    private static final int H = 16;
    private static final int W = 16;

    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    /** Scenes whose depth is readable from the image: a dark far wall, a bright near disc. */
    static DepthTrainingData syntheticScenes(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rgb = new ArrayList<>();
        List<float[]> logDepth = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            float[] image = new float[3 * H * W];
            float[] depth = new float[H * W];
            double cx = 4 + random.nextDouble() * 8;
            double cy = 4 + random.nextDouble() * 8;
            double near = 0.5 + random.nextDouble();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < 16;
                    float value = disc ? 0.9f : 0.2f + 0.02f * y;
                    for (int c = 0; c < 3; c++) {
                        image[(c * H + y) * W + x] = value;
                    }
                    depth[y * W + x] = (float) Math.log(disc ? near : 4 - 0.1 * y);
                }
            }
            rgb.add(image);
            logDepth.add(depth);
        }
        return DepthTrainingData.of(rgb, logDepth, H, W);
    }

    private DepthTrainingSettings settings(long steps) {
        return settings(steps, "work", "model", "train-depth --test", null);
    }

    private DepthTrainingSettings settings(long steps, String work, String model, String command, Path init) {
        return new DepthTrainingSettings(
                dir.resolve("nyu"),
                DepthNetwork.architecture(List.of(16, 16, 32), 1, false, 8),
                H,
                W,
                4,
                steps,
                3e-3,
                5,
                1e-4,
                0.9,
                0.5,
                1,
                0,
                3,
                steps,
                dir.resolve(work),
                dir.resolve(model),
                "depth-test",
                command,
                init);
    }

    @Test
    void scaleInvariantLossIgnoresAGlobalScaleWhenLambdaIsOne() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] target = {0.1f, 0.5f, 0.9f, 1.3f};
            float[] shifted = {0.6f, 1.0f, 1.4f, 1.8f};
            NDArray t = NativeArrays.create(manager, target, new Shape(1, 1, 2, 2));
            NDArray p = NativeArrays.create(manager, shifted, new Shape(1, 1, 2, 2));
            assertThat(DepthTrainer.scaleInvariantLoss(p, t, 1).getFloat()).isCloseTo(0f, Offset.offset(1e-6f));
            assertThat(DepthTrainer.scaleInvariantLoss(p, t, 0.5).getFloat())
                    .isCloseTo((float) (0.25 - 0.5 * 0.25), Offset.offset(1e-6f));
        }
    }

    @Test
    void aShortRunOnSyntheticScenesLowersTheLossAndWritesACard() throws IOException {
        List<String> lines = new ArrayList<>();
        TrainingResult result = new DepthTrainer(settings(100), syntheticScenes(8, 1), lines::add).run(100);
        List<Double> losses = lines.stream()
                .filter(l -> l.startsWith("step "))
                .map(l -> Double.parseDouble(l.split(" ")[3]))
                .toList();
        assertThat(losses).hasSize(4);
        assertThat(losses.get(3)).isLessThan(0.5 * losses.get(0));
        ModelCard card = ModelDirectory.readCard(dir.resolve("model"));
        assertThat(card.prediction()).isEqualTo(DepthNetwork.PREDICTION);
        assertThat(card.conditions()).isEqualTo(DepthNetwork.CONDITIONS);
        assertThat(card.training().command()).isEqualTo("train-depth --test");
        assertThat(card.testTimeViews())
                .as("no zoom in training, no windows at run time")
                .isNull();
        assertThat(result.steps()).isEqualTo(100);
    }

    @Test
    void anEstimatorTrainedWithZoomsLooksAtWindowsOfTheMiddleZoomWhenItRuns() throws IOException {
        DepthTrainingSettings plain = settings(4);
        DepthTrainingSettings zoomed = new DepthTrainingSettings(
                plain.nyuRoot(),
                plain.architecture(),
                H,
                W,
                plain.batch(),
                4,
                plain.learningRate(),
                plain.warmupSteps(),
                plain.weightDecay(),
                plain.emaDecay(),
                plain.scaleInvariance(),
                1.5,
                5,
                plain.seed(),
                4,
                plain.workDirectory(),
                plain.outputDirectory(),
                plain.name(),
                plain.command(),
                null);

        new DepthTrainer(zoomed, syntheticScenes(4, 1), line -> {}).run(4);

        ModelCard card = ModelDirectory.readCard(dir.resolve("model"));
        assertThat(card.testTimeViews()).isEqualTo(new ModelCard.TestTimeViews(1.25));
        assertThat(card.description()).contains("zooms up to 1.50");
    }

    @Test
    void aRunStoppedOnRequestCheckpointsThatStepAndItsResumptionEndsAsAnUninterruptedRun() throws IOException {
        DepthTrainingData scenes = syntheticScenes(8, 2);
        new DepthTrainer(settings(12, "work1", "model1", "train-depth --test", null), scenes, line -> {}).run(12);

        DepthTrainingSettings stopped = settings(12, "work2", "model2", "train-depth --test", null);
        int[] asked = {0};
        List<String> lines = new ArrayList<>();
        TrainingResult result = new DepthTrainer(stopped, scenes, lines::add).run(12, () -> ++asked[0] == 5);

        assertThat(result.steps()).isEqualTo(5);
        assertThat(asked[0]).as("asked once per step, and not after the stop").isEqualTo(5);
        assertThat(ModelDirectory.readCard(dir.resolve("model2")).training().steps())
                .isEqualTo(5);
        assertThat(lines)
                .contains("stopped on request after step 5; the same command resumes from "
                        + dir.resolve("work2").resolve("checkpoint"));
        new DepthTrainer(stopped, scenes, line -> {}).run(12);
        assertThat(Files.readAllBytes(dir.resolve("model2").resolve(ModelDirectory.WEIGHTS_FILE)))
                .isEqualTo(Files.readAllBytes(dir.resolve("model1").resolve(ModelDirectory.WEIGHTS_FILE)));
    }

    @Test
    void aSecondPhaseStartsFromTheFirstPhasesWeightsAndItsCardNamesBothCommands() throws IOException {
        DepthTrainingData scenes = syntheticScenes(8, 1);
        new DepthTrainer(settings(60), scenes, line -> {}).run(60);
        List<String> lines = new ArrayList<>();
        new DepthTrainer(
                        settings(4, "work2", "model2", "train-depth --init model", dir.resolve("model")),
                        scenes,
                        lines::add)
                .run(4);
        List<String> fresh = new ArrayList<>();
        new DepthTrainer(settings(4, "work3", "model3", "train-depth --fresh", null), scenes, fresh::add).run(4);

        assertThat(lines).anyMatch(l -> l.startsWith("starting from the weights of"));
        ModelCard card = ModelDirectory.readCard(dir.resolve("model2"));
        assertThat(card.training().command()).isEqualTo("train-depth --init model");
        assertThat(card.training().startedFrom().command()).isEqualTo("train-depth --test");
        assertThat(card.training().totalSteps()).isEqualTo(64);
        assertThat(ModelDirectory.readCard(dir.resolve("model3")).training().startedFrom())
                .isNull();
        double continued = Double.parseDouble(lines.get(lines.size() - 2).split(" ")[3]);
        double fromScratch = Double.parseDouble(fresh.get(fresh.size() - 2).split(" ")[3]);
        assertThat(continued).as("the trained start keeps its low loss").isLessThan(0.5 * fromScratch);
    }

    @Test
    void aSecondPhaseRefusesAnotherArchitectureNamingTheOptionsToMatch() throws IOException {
        new DepthTrainer(settings(2), syntheticScenes(4, 1), line -> {}).run(2);
        DepthTrainingSettings other = new DepthTrainingSettings(
                dir.resolve("nyu"),
                DepthNetwork.architecture(List.of(16, 32, 32), 1, false, 8),
                H,
                W,
                4,
                2,
                3e-3,
                1,
                1e-4,
                0.9,
                0.5,
                1,
                0,
                3,
                2,
                dir.resolve("work-other"),
                dir.resolve("model-other"),
                "depth-test",
                "x",
                dir.resolve("model"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DepthTrainer(other, syntheticScenes(4, 1), line -> {}).run(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--init " + dir.resolve("model"))
                .hasMessageContaining("--widths");
    }
}
