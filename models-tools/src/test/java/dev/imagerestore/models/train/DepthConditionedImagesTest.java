package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthEstimators;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.testing.TinyDepthEstimator;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthConditionedImagesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    /** Synthetic images (SyntheticImages) plus, for the even ones, a depth sidecar: a ramp. */
    private Path imagesWithSidecars(Path folder, int count) throws IOException {
        SyntheticImages.trainingFolder(folder, count, 5);
        for (int n = 0; n < count; n += 2) {
            float[] depth = new float[24 * 24];
            for (int i = 0; i < depth.length; i++) {
                depth[i] = 0.2f + 0.6f * (i / 24) / 23f;
            }
            ImageFiles.write(FloatImage.wrap(1, 24, 24, 8, depth), folder.resolve("img" + n + ".depth.png"));
        }
        return folder;
    }

    @Test
    void anEstimatorFillsInTheImagesWithoutASidecarAndLeavesTheSidecarsAlone() throws IOException {
        Path folder = imagesWithSidecars(dir.resolve("data"), 4);
        Path sidecarsOnly = dir.resolve("sidecars");
        Files.createDirectories(sidecarsOnly);
        for (int n = 0; n < 4; n += 2) {
            Files.copy(folder.resolve("img" + n + ".png"), sidecarsOnly.resolve("img" + n + ".png"));
            Files.copy(folder.resolve("img" + n + ".depth.png"), sidecarsOnly.resolve("img" + n + ".depth.png"));
        }
        List<TrainingImages.Source> all = List.of(new TrainingImages.Source("photo", folder, 1));
        List<TrainingImages.Source> withSidecars = List.of(new TrainingImages.Source("photo", sidecarsOnly, 1));
        try (DepthEstimator estimator = DepthEstimators.load(TinyDepthEstimator.write(dir.resolve("estimator"), 16))) {
            DepthConditionedImages estimated = DepthConditionedImages.load(all, 16, estimator);
            assertThat(estimated.conditionProvenance())
                    .as("for the card")
                    .isEqualTo(
                            " Images without a depth file were given the depth maps of " + estimator.describe() + ".");
            assertThat(DepthConditionedImages.load(all, 16).conditionProvenance())
                    .isEmpty();
            TrainingImages.Batch batch = estimated.sample(new SplittableRandom(3), 16);
            int plane = 16 * 16;
            for (int b = 0; b < 16; b++) {
                assertThat(batch.conditions()[(2 * b + 1) * plane])
                        .as("crop %d has depth", b)
                        .isEqualTo(1f);
            }
            assertThat(DepthConditionedImages.load(withSidecars, 16, estimator)
                            .sample(new SplittableRandom(4), 8)
                            .conditions())
                    .as("sidecars win over the estimator")
                    .containsExactly(DepthConditionedImages.load(withSidecars, 16)
                            .sample(new SplittableRandom(4), 8)
                            .conditions());
        }
    }

    @Test
    void cropsCarryDepthWhereASidecarExistsAndZerosWhereNot() throws IOException {
        Path folder = imagesWithSidecars(dir.resolve("data"), 4);
        DepthConditionedImages data =
                DepthConditionedImages.load(List.of(new TrainingImages.Source("photo", folder, 1)), 16);
        assertThat(data.imageCount()).isEqualTo(4);
        assertThat(DepthConditionedImages.load(
                                List.of(
                                        new TrainingImages.Source("photo", folder, 1),
                                        new TrainingImages.Source("night", folder, 1)),
                                16)
                        .imageCount())
                .as("a folder counts once")
                .isEqualTo(4);
        TrainingImages.Batch batch = data.sample(new SplittableRandom(3), 16);
        int plane = 16 * 16;
        int withDepth = 0;
        for (int b = 0; b < 16; b++) {
            float valid = batch.conditions()[(2 * b + 1) * plane];
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < plane; i++) {
                min = Math.min(min, batch.conditions()[2 * b * plane + i]);
                max = Math.max(max, batch.conditions()[2 * b * plane + i]);
            }
            if (valid == 1f) {
                withDepth++;
                assertThat(min).isGreaterThanOrEqualTo(-1f);
                assertThat(max).isLessThanOrEqualTo(1f).isGreaterThan(min);
            } else {
                assertThat(valid).isZero();
                assertThat(min).isZero();
                assertThat(max).isZero();
            }
        }
        assertThat(withDepth).isBetween(1, 15);
    }

    @Test
    void aFolderLabelledWithALookIsSeenThroughIt() throws IOException {
        Path folder = SyntheticImages.trainingFolder(dir.resolve("plain"), 3, 7);
        DepthConditionedImages plain =
                DepthConditionedImages.load(List.of(new TrainingImages.Source("photo", folder, 1)), 16);
        DepthConditionedImages sepia =
                DepthConditionedImages.load(List.of(new TrainingImages.Source("sepia-print", folder, 1)), 16);
        float[] a = plain.sample(new SplittableRandom(9), 2).samples();
        float[] b = sepia.sample(new SplittableRandom(9), 2).samples();
        dev.imagerestore.models.translate.Look.SEPIA_PRINT.applyInPlace(a, 0, 16, 16);
        dev.imagerestore.models.translate.Look.SEPIA_PRINT.applyInPlace(a, 3 * 256, 16, 16);
        assertThat(b).containsExactly(a);
    }

    @Test
    void aDepthAndLabelConditionedRunLowersTheLossAndNamesItsConditions() throws IOException {
        Path folder = imagesWithSidecars(dir.resolve("data"), 6);
        List<TrainingImages.Source> sources =
                List.of(new TrainingImages.Source("photo", folder, 1), new TrainingImages.Source("night", folder, 1));
        UNetConfig config = new UNetConfig(3, 2, List.of(16, 16, 32), 1, false, 8, 2);
        TrainingSettings settings = TrainingSettings.builder()
                .setSources(sources)
                .setSteps(150)
                .setWorkDirectory(dir.resolve("work"))
                .setOutputDirectory(dir.resolve("model"))
                .optArchitecture(config)
                .optCrop(16)
                .optBatch(4)
                .optLearningRate(3e-3)
                .optWarmupSteps(5)
                .optConditionDropout(0.2)
                .optRestorationShare(0)
                .optCheckpointEvery(150)
                .optSeed(4)
                .build();
        List<String> lines = new ArrayList<>();
        new DiffusionTrainer(settings, DepthConditionedImages.load(sources, 16), lines::add).run();
        List<Double> losses = lines.stream()
                .filter(l -> l.startsWith("step "))
                .map(l -> Double.parseDouble(l.split(" ")[3]))
                .toList();
        assertThat(losses.get(losses.size() - 1)).isLessThan(0.8 * losses.get(0));
        ModelCard card = ModelDirectory.readCard(dir.resolve("model"));
        assertThat(card.conditions()).containsExactly("depth", "depth-valid");
        assertThat(card.labels()).containsExactly("night", "photo");
        assertThat(Files.exists(dir.resolve("model").resolve(ModelDirectory.WEIGHTS_FILE)))
                .isTrue();
    }
}
