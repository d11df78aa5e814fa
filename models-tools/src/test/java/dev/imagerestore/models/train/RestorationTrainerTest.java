package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.RestorationNetwork;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorationTrainerTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    private TrainingSettings settings(UNetConfig architecture, String run, long steps, Path init) {
        TrainingSettings.Builder b = TrainingSettings.builder()
                .setSources(List.of(new TrainingImages.Source(null, dir.resolve("images"), 1)))
                .setSteps(steps)
                .setWorkDirectory(dir.resolve(run + "/work"))
                .setOutputDirectory(dir.resolve(run + "/model"))
                .optArchitecture(architecture)
                .optCrop(16)
                .optBatch(2)
                .optLearningRate(1e-3)
                .optWarmupSteps(1)
                .optSeed(3)
                .optCheckpointEvery(steps)
                .optName("restore-test")
                .optCommand("train --test");
        if (init != null) {
            b.optInitialWeights(init);
        }
        return b.build();
    }

    private static UNetConfig restorer() {
        return RestorationNetwork.architecture(List.of(16, 16, 32), 1, false, 8);
    }

    @Test
    void threeStepsWriteARestorerCardAndTheSameSeedGivesTheSameWeights() throws Exception {
        SyntheticImages.trainingFolder(dir.resolve("images"), 4, 1);
        TrainingImages images =
                TrainingImages.load(List.of(new TrainingImages.Source(null, dir.resolve("images"), 1)), 16);
        Degradations realistic = Degradations.parse("realistic", 3);
        TrainingResult a = RestorationTrainer.builder(settings(restorer(), "a", 3, null), images, realistic)
                .build()
                .run(3, () -> false);
        TrainingResult b = RestorationTrainer.builder(settings(restorer(), "b", 3, null), images, realistic)
                .build()
                .run(3, () -> false);
        assertThat(a.recentLoss()).isFinite();
        ModelCard card = ModelDirectory.readCard(dir.resolve("a/model"));
        assertThat(card.prediction()).isEqualTo(RestorationNetwork.PREDICTION);
        assertThat(card.conditions()).isEqualTo(RestorationNetwork.CONDITIONS);
        assertThat(card.description()).contains("'realistic' pipeline");
        assertThat(Files.readAllBytes(dir.resolve("a/model/unet.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/model/unet.params")));
        assertThat(b.steps()).isEqualTo(3);
    }

    @Test
    void withADamageShareTheCardSaysSoAndTheRunIsStillSeeded() throws Exception {
        SyntheticImages.trainingFolder(dir.resolve("images"), 4, 1);
        TrainingImages images =
                TrainingImages.load(List.of(new TrainingImages.Source(null, dir.resolve("images"), 1)), 16);
        Degradations realistic = Degradations.parse("realistic", 3);
        dev.imagerestore.models.damage.DamageGenerator damage = dev.imagerestore.models.damage.DamageGenerator.builder()
                .setSeed(5)
                .optKinds(
                        dev.imagerestore.models.damage.DamageKind.SCRATCH,
                        dev.imagerestore.models.damage.DamageKind.DUST)
                .build();
        RestorationTrainer.builder(settings(restorer(), "a", 2, null), images, realistic)
                .optDamage(damage, 1.0)
                .build()
                .run(2, () -> false);
        RestorationTrainer.builder(settings(restorer(), "b", 2, null), images, realistic)
                .optDamage(damage, 1.0)
                .build()
                .run(2, () -> false);
        RestorationTrainer.builder(settings(restorer(), "c", 2, null), images, realistic)
                .build()
                .run(2, () -> false);
        assertThat(ModelDirectory.readCard(dir.resolve("a/model")).description())
                .contains("100% of the crops first got " + "damage");
        assertThat(ModelDirectory.readCard(dir.resolve("a/model")).training().damageShare())
                .isEqualTo(1.0);
        assertThat(ModelDirectory.readCard(dir.resolve("a/model")).training().learntDamage())
                .isTrue();
        assertThat(ModelDirectory.readCard(dir.resolve("c/model")).training().learntDamage())
                .isFalse();
        assertThat(Files.readAllBytes(dir.resolve("a/model/unet.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/model/unet.params")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c/model/unet.params")));
        assertThatThrownBy(() -> RestorationTrainer.builder(settings(restorer(), "d", 2, null), images, realistic)
                        .optDamage(null, 0.5)
                        .build())
                .hasMessageContaining("0.5 needs a DamageGenerator");
        assertThatThrownBy(() -> RestorationTrainer.builder(settings(restorer(), "d", 2, null), images, realistic)
                        .optRefinementShare(1.5)
                        .build())
                .hasMessageContaining("refinement share must be in [0, 1], got 1.5");
    }

    @Test
    void withAHoleShareCropsLearnToFillGivenHolesAndTheCardSaysSo() throws Exception {
        SyntheticImages.trainingFolder(dir.resolve("images"), 4, 1);
        TrainingImages images =
                TrainingImages.load(List.of(new TrainingImages.Source(null, dir.resolve("images"), 1)), 16);
        Degradations none = Degradations.parse("none", 3);
        HoleMasks holes = new HoleMasks(dev.imagerestore.models.damage.DamageGenerator.builder()
                .setSeed(5)
                .optKinds(dev.imagerestore.models.damage.DamageKind.TEAR)
                .build());
        for (String run : List.of("a", "b")) {
            RestorationTrainer.builder(settings(restorer(), run, 2, null), images, none)
                    .optHoles(holes, 1.0)
                    .build()
                    .run(2, () -> false);
        }
        RestorationTrainer.builder(settings(restorer(), "c", 2, null), images, none)
                .build()
                .run(2, () -> false);
        assertThat(ModelDirectory.readCard(dir.resolve("a/model")).description())
                .contains("100% of the other crops got a hole drawn by HoleMasks[")
                .contains("harmonic fill");
        assertThat(ModelDirectory.readCard(dir.resolve("a/model")).training().learntHoles())
                .isTrue();
        assertThat(ModelDirectory.readCard(dir.resolve("c/model")).training().learntHoles())
                .isFalse();
        assertThat(Files.readAllBytes(dir.resolve("a/model/unet.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/model/unet.params")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c/model/unet.params")));
        assertThatThrownBy(() -> RestorationTrainer.builder(settings(restorer(), "d", 2, null), images, none)
                        .optHoles(null, 0.5)
                        .build())
                .hasMessageContaining("0.5 needs HoleMasks");
    }

    @Test
    void theLossesWeighCropsAsDocumented() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(2, 1, 2, 2);
            // crop 0: true correction 0.2 everywhere, predicted 0.1; crop 1: clean (no correction), predicted 0.1
            ai.djl.ndarray.NDArray prediction =
                    m.create(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, shape);
            ai.djl.ndarray.NDArray target = m.create(new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0, 0, 0, 0}, shape);
            double floor = Math.pow(4.0 / 255, 2);
            double eps = Math.pow(0.5 / 255, 2);
            assertThat(RestorationLoss.MSE.of(prediction, target).getFloat()).isCloseTo(0.01f, within(1e-6f));
            assertThat(RestorationLoss.LOG.of(prediction, target).getFloat())
                    .isCloseTo((float) ((Math.log(0.01 + eps) + Math.log(0.01 + eps)) / 2), within(1e-4f));
            assertThat(RestorationLoss.RELATIVE.of(prediction, target).getFloat())
                    .isCloseTo((float) ((0.01 / (0.04 + floor) + 0.01 / floor) / 2), within(1e-2f));
            assertThat(RestorationLoss.RELATIVE.of(target, target).getFloat())
                    .as("perfect")
                    .isZero();
            assertThat(RestorationLoss.CHARBONNIER.of(prediction, target).getFloat())
                    .as("an L1: 0.1 off everywhere")
                    .isCloseTo(0.1f, within(1e-4f));
            assertThat(RestorationLoss.CHARBONNIER.of(target, target).getFloat())
                    .as("perfect, up to eps")
                    .isCloseTo(0.2f / 255, within(1e-6f));
        }
        assertThat(RestorationLoss.parse("relative")).isEqualTo(RestorationLoss.RELATIVE);
        assertThatThrownBy(() -> RestorationLoss.parse("l1"))
                .hasMessageContaining("'l1'")
                .hasMessageContaining("mse, log, relative or charbonnier");
    }

    @Test
    void aRestorerStartsFromADenoiserOfTheSameWidthsAndRefusesOtherShapes() throws Exception {
        SyntheticImages.trainingFolder(dir.resolve("images"), 4, 2);
        TrainingImages images =
                TrainingImages.load(List.of(new TrainingImages.Source(null, dir.resolve("images"), 1)), 16);
        UNetConfig denoiser = restorer().withConditionChannels(0);
        new DiffusionTrainer(settings(denoiser, "parent", 1, null), images, s -> {}).run(1);
        TrainingResult child = RestorationTrainer.builder(
                        settings(restorer(), "child", 1, dir.resolve("parent/model")),
                        images,
                        Degradations.parse("awgn:20", 1))
                .build()
                .run(1, () -> false);
        assertThat(child.card().training().startedFrom()).isNotNull();
        assertThat(InitialWeights.widens(denoiser, restorer())).isTrue();
        assertThat(InitialWeights.widens(restorer(), denoiser)).isFalse();
        UNetConfig wider = RestorationNetwork.architecture(List.of(16, 32, 32), 1, false, 8);
        assertThatThrownBy(() -> RestorationTrainer.builder(
                                settings(wider, "bad", 1, dir.resolve("parent/model")),
                                images,
                                Degradations.parse("awgn:20", 1))
                        .build()
                        .run(1, () -> false))
                .hasMessageContaining("a restorer may also start from a denoiser");
    }

    @Test
    void theWidenedInputKernelPlacesTheParentsFiltersOverTheDegradedImage() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            float[] parent = new float[2 * 3 * 1];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i + 1;
            }
            float[] widened = InitialWeights.widenedInputKernel(
                    m.create(parent, new ai.djl.ndarray.types.Shape(2, 3, 1, 1)),
                    new ai.djl.ndarray.types.Shape(2, 7, 1, 1),
                    3);
            assertThat(widened).containsExactly(0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 4, 5, 6, 0);
        }
    }
}
