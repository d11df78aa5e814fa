package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.job.task.BlindRestoreTask;
import dev.imagerestore.job.task.DenoiseTask;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which task a run does, by {@code --task} and by the model's card, and how a mismatch is refused. */
class RestorationTasksTest {

    @TempDir
    static Path models;

    private static ModelCard restorer;
    private static ModelCard detector;
    private static ModelCard translator;
    private static final ModelCard DENOISER = new ModelCard(
            ModelCard.FORMAT,
            "tiny-test",
            "",
            TinyModel.CONFIG,
            List.of(),
            List.of(),
            ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
            ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
            "eps",
            null,
            null,
            Map.of());

    @BeforeAll
    static void cards() throws IOException {
        TinyRestorationModels.write(models);
        TinyDepthModels.write(models);
        restorer = ModelDirectory.readCard(TinyRestorationModels.restorer(models));
        detector = ModelDirectory.readCard(TinyRestorationModels.detector(models));
        translator = ModelDirectory.readCard(TinyDepthModels.translator(models));
    }

    @Test
    void withoutTaskTheCardChoosesRestorersRestoreAndDenoisersDenoise() {
        assertThat(RestorationTasks.forCard(Path.of("r"), restorer)).containsExactly(BlindRestoreTask.NAME);
        assertThat(RestorationTasks.forCard(Path.of("d"), DENOISER)).containsExactly(DenoiseTask.NAME);
        assertThat(translator.conditions()).isEqualTo(DepthGuidedTranslator.CONDITIONS);
        assertThatThrownBy(() -> RestorationTasks.forCard(Path.of("t"), translator))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--model t ('tiny-depth2img', prediction eps from " + translator.conditions()
                        + ") is neither a denoiser nor a blind restorer; name its task with --task");
        assertThatThrownBy(() -> RestorationTasks.forCard(Path.of("x"), detector))
                .hasMessageContaining("'tiny-detector'")
                .hasMessageContaining("name its task with --task");
    }

    @Test
    void aTaskAndACardThatDoNotFitAreRefusedNamingBoth() {
        assertThatThrownBy(() -> RestorationTasks.checkCard(List.of("denoise"), Path.of("m/r"), restorer, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--task denoise needs a denoiser (prediction eps, no conditions), but --model m/r is "
                        + "'tiny-restorer', prediction x0-residual from " + restorer.conditions()
                        + "; pass a denoiser's --model, or the task this model is made for (--task restore)");
        assertThatThrownBy(() -> RestorationTasks.checkCard(List.of("restore"), Path.of("m/d"), DENOISER, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--task restore needs a blind restorer (prediction x0-residual), but --model m/d is "
                        + "'tiny-test', prediction eps; pass a restorer's --model, or --task denoise");
        assertThatThrownBy(
                        () -> RestorationTasks.checkCard(List.of("inpaint", "denoise"), Path.of("m/r"), restorer, true))
                .hasMessageStartingWith("--task inpaint,denoise needs a denoiser");
        RestorationTasks.checkCard(List.of("restore"), Path.of("m/r"), restorer, false);
        RestorationTasks.checkCard(List.of("inpaint"), Path.of("m/d"), DENOISER, false);
        RestorationTasks.checkCard(List.of("inpaint"), Path.of("m/d"), DENOISER, true);
    }

    @Test
    void inpaintTakesARestorerTrainedOnDamageOnlyForTheMasksItsDetectorFinds() {
        RestorationTasks.checkCard(List.of("inpaint"), Path.of("m/r"), restorer, true);
        assertThatThrownBy(() -> RestorationTasks.checkCard(List.of("inpaint"), Path.of("m/r"), restorer, false))
                .hasMessageContaining("or with --mask auto one trained with train --damage-share")
                .hasMessageContaining("--model m/r is 'tiny-restorer'");
        assertThat(RestorationTasks.fillsDamage(restorer)).isTrue();
        assertThat(RestorationTasks.fillsDamage(DENOISER)).isFalse();
    }

    @Test
    void theTaskListsAreCheckedAndEachTaskHasItsZooModel() {
        assertThat(RestorationTasks.check(List.of("restore"))).containsExactly("restore");
        assertThatThrownBy(() -> RestorationTasks.check(List.of("restore", "denoise")))
                .hasMessageStartingWith("--task restore,denoise is not a supported combination; use denoise, inpaint, "
                        + "inpaint,denoise, depth2img or restore");
        assertThat(RestorationTasks.defaultModel(List.of("restore"))).isEqualTo(Path.of(RestorationTasks.RESTORER));
        assertThat(RestorationTasks.defaultModel(List.of("denoise")))
                .isEqualTo(Path.of(ModelLocation.DEFAULT_DIRECTORY));
    }
}
