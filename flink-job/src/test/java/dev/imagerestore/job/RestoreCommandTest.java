package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.job.internal.Checkpoints;
import dev.imagerestore.job.task.InpaintTask;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.models.translate.Encoding;
import dev.imagerestore.operators.decode.PixelLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How {@code restore}'s checkpoint options map onto Flink's configuration, which checkpoint resumes,
 * and how the options shared by the inpainting and depth2img tasks reach each of them.
 */
class RestoreCommandTest {

    @TempDir
    Path work;

    @Test
    void checkpointDirRetainsCheckpointsThereAndFromCheckpointResumesTheNewestCompletedOne() throws IOException {
        Path job = work.resolve("checkpoints/0123abcd");
        completed(job.resolve("chk-9"));
        completed(job.resolve("chk-12"));
        Files.createDirectories(job.resolve("chk-13"));

        Configuration config = configuration(
                "--watch",
                "PT1S",
                "--checkpoint-dir",
                work.resolve("checkpoints").toString(),
                "--from-checkpoint",
                job.toString());

        assertThat(config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(work.resolve("checkpoints").toUri().toString());
        assertThat(config.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(config.get(StateRecoveryOptions.SAVEPOINT_PATH))
                .as("chk-13 has no _metadata: not completed")
                .isEqualTo(job.resolve("chk-12").toUri().toString());
    }

    @Test
    void aSavepointFolderIsTakenAsItIs() throws IOException {
        Path savepoint = completed(work.resolve("savepoint-01ab-cdef"));

        assertThat(Checkpoints.resolve(savepoint)).isEqualTo(savepoint);
    }

    @Test
    void aFolderWithoutACompletedCheckpointIsRefusedWithWhatToPass() throws IOException {
        Files.createDirectories(work.resolve("job/chk-3"));

        assertThatThrownBy(() -> Checkpoints.resolve(work.resolve("job")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(work.resolve("job").toString())
                .hasMessageContaining(
                        "no completed checkpoint: pass a checkpoint or savepoint folder (it holds _metadata)");
    }

    @Test
    void checkpointOptionsNeedWatch() {
        assertThatThrownBy(() -> configuration("--checkpoint-dir", work.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--checkpoint-dir and --from-checkpoint need --watch");
    }

    @Test
    void stepsAndStrengthAreSharedByInpaintingAndDepth2ImgEachWithItsOwnDefaults() throws IOException {
        RestoreCommand inpaint = command("--task", "inpaint");
        InpaintJobSpec inpainting =
                ((InpaintTask) inpaint.spec(inpaint.configuration()).task()).spec();
        RestoreCommand depth = command("--task", "depth2img", "--target", "night");
        Depth2ImgSettings translation = depth.depth2imgSettings();

        assertThat(inpainting.steps()).isEqualTo(Inpainter.DEFAULT_STEPS);
        assertThat(inpainting.strength()).isEqualTo(Inpainter.DEFAULT_STRENGTH);
        assertThat(inpainting.samples()).isEqualTo(Inpainter.DEFAULT_SAMPLES);
        assertThat(translation.steps()).isEqualTo(Depth2ImgOptions.DEFAULT_STEPS);
        assertThat(translation.strength()).isEqualTo(Depth2ImgOptions.DEFAULT_STRENGTH);
        assertThat(inpaint.depth2imgSettings()).as("no depth2img task").isNull();
    }

    @Test
    void givenStepsAndStrengthReachTheTaskThatRuns() throws IOException {
        RestoreCommand inpaint =
                command("--task", "inpaint,denoise", "--steps", "7", "--strength", "0.5", "--samples", "2");
        InpaintJobSpec inpainting =
                ((InpaintTask) inpaint.spec(inpaint.configuration()).task()).spec();
        Depth2ImgSettings translation = command(
                        "--task", "depth2img", "--target", "night", "--steps", "9", "--strength", "0.25")
                .depth2imgSettings();

        assertThat(inpainting.steps()).isEqualTo(7);
        assertThat(inpainting.samples()).isEqualTo(2);
        assertThat(inpainting.strength()).isEqualTo(0.5);
        assertThat(translation.steps()).isEqualTo(9);
        assertThat(translation.strength()).isEqualTo(0.25);
    }

    @Test
    void depth2imgEncodesWithNoiseUnlessInversionIsAsked() throws IOException {
        Depth2ImgSettings plain =
                command("--task", "depth2img", "--target", "night").depth2imgSettings();
        Depth2ImgSettings inverted = command(
                        "--task", "depth2img", "--target", "night", "--encoding", "inversion", "--source", "indoor")
                .depth2imgSettings();

        assertThat(plain.encoding()).isEqualTo(Encoding.NOISE);
        assertThat(plain.source()).isEqualTo("photo");
        assertThat(inverted.encoding()).isEqualTo(Encoding.INVERSION);
        assertThat(inverted.source()).isEqualTo("indoor");
        assertThat(plain.guidance()).isEqualTo(3.0);
        assertThat(inverted.guidance()).as("the inversion's default").isEqualTo(1.0);
        assertThat(command("--task", "depth2img", "--target", "night", "--encoding", "Inversion", "--guidance", "2")
                        .depth2imgSettings()
                        .guidance())
                .isEqualTo(2.0);
        assertThatThrownBy(() -> command("--task", "depth2img", "--target", "night", "--encoding", "renoise")
                        .depth2imgSettings())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--encoding must be noise or inversion, got renoise");
    }

    @Test
    void ensembleReachesTheSpecAndOnlyGroupSizesAreTaken() throws IOException {
        RestoreCommand plain = command("--task", "denoise");
        RestoreCommand eight = command("--task", "denoise", "--ensemble", "8");
        RestoreCommand three = command("--task", "denoise", "--ensemble", "3");

        assertThat(plain.spec(plain.configuration()).task().processors().modelKey())
                .endsWith(":ensemble=1");
        assertThat(eight.spec(eight.configuration()).task().processors().modelKey())
                .endsWith(":ensemble=8");
        assertThatThrownBy(() -> three.spec(three.configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--ensemble must be 1, 2, 4 or 8, got 3");
    }

    @Test
    void samplerReachesTheSpecWithDdimByDefaultAndUnknownNamesListTheChoices() throws IOException {
        RestoreCommand plain = command("--task", "denoise", "--refine-steps", "10");
        RestoreCommand dpm = command("--task", "denoise", "--refine-steps", "10", "--sampler", "dpm-solver++");
        RestoreCommand pc = command("--task", "denoise", "--sampler", "PC");
        RestoreCommand unknown = command("--task", "denoise", "--sampler", "euler");

        assertThat(plain.spec(plain.configuration()).task().processors().modelKey())
                .as("DDIM, named by no suffix")
                .contains(":refine=10:seed=");
        assertThat(dpm.spec(dpm.configuration()).task().processors().modelKey())
                .contains(":refine=10:" + SamplerKind.DPM_SOLVER.cliName() + ":");
        assertThat(pc.spec(pc.configuration()).task().processors().modelKey())
                .contains(":" + SamplerKind.PREDICTOR_CORRECTOR.cliName() + ":");
        assertThatThrownBy(() -> unknown.spec(unknown.configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--sampler must be one of ddim, ddpm, euler-maruyama, heun, pc, dpm-solver++, got 'euler'");
    }

    @Test
    void depth2ImgRunsAlone() throws IOException {
        RestoreCommand both = command("--task", "depth2img,denoise", "--target", "night");

        assertThatThrownBy(both::depth2imgSettings)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--task depth2img runs alone, got --task depth2img,denoise");
        assertThatThrownBy(() -> both.spec(both.configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--task depth2img,denoise is not a supported combination");
    }

    @Test
    void pixelLimitsDefaultTo2GpxForEveryImageAnd250MpxForOneDecodedWhole() throws IOException {
        RestoreCommand plain = command("--task", "denoise");
        RestoreCommand crossed = command("--task", "denoise", "--tile-above", "3000", "--max-whole-pixels", "2000");
        RestoreCommand zero = command("--task", "denoise", "--max-whole-pixels", "0");
        RestoreCommand noGap = command(
                "--task", "denoise", "--max-pixels", "1500", "--tile-above", "3000", "--max-whole-pixels", "2000");

        RestoreCommand inpaint = command("--task", "inpaint");

        RestoreJobSpec tiles = plain.spec(plain.configuration());
        assertThat(tiles.limits()).isEqualTo(new PixelLimits(2_000_000_000L, 250_000_000L));
        assertThat(tiles.pixelLimitOption() + " " + tiles.pixelLimit()).isEqualTo("--max-pixels 2000000000");
        RestoreJobSpec whole = inpaint.spec(inpaint.configuration());
        assertThat(whole.pixelLimitOption() + " " + whole.pixelLimit())
                .as("inpainting holds every image whole")
                .isEqualTo("--max-whole-pixels 250000000");
        assertThatThrownBy(() -> crossed.spec(crossed.configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tile-above 3000 is above --max-whole-pixels 2000: images between the two would be "
                        + "refused; lower --tile-above or raise --max-whole-pixels");
        assertThat(noGap.spec(noGap.configuration()).pixelLimit())
                .as("no image is within --max-pixels and above --max-whole-pixels")
                .isEqualTo(1500);
        assertThatThrownBy(() -> zero.spec(zero.configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-whole-pixels must be >= 1, got 0");
    }

    @Test
    void durationsAreReadAsPeopleWriteThemAndInIso() throws IOException {
        RestoreCommand human =
                command("--watch", "5s", "--timeout", "2m", "--max-wait", "500ms", "--checkpoint-interval", "1h");
        RestoreCommand iso = command("--watch", "PT5S", "--timeout", "PT2M");

        RestoreJobSpec spec = human.spec(human.configuration());
        assertThat(spec.watch()).contains(Duration.ofSeconds(5));
        assertThat(spec.checkpointInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(spec.inference().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(spec.inference().batching().maxWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(iso.spec(iso.configuration()).watch()).contains(Duration.ofSeconds(5));
        assertThat(command().spec(command().configuration()).inference().timeout())
                .as("the default, 30m")
                .isEqualTo(Duration.ofMinutes(30));
    }

    private Configuration configuration(String... options) throws IOException {
        return command(options).configuration();
    }

    private RestoreCommand command(String... options) {
        RestoreCommand command = new RestoreCommand();
        String[] args = new String[options.length + 4];
        args[0] = "--input";
        args[1] = work.resolve("in").toString();
        args[2] = "--output";
        args[3] = work.resolve("out").toString();
        System.arraycopy(options, 0, args, 4, options.length);
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    private static Path completed(Path checkpoint) throws IOException {
        Files.createDirectories(checkpoint);
        Files.write(checkpoint.resolve(Checkpoints.METADATA), new byte[] {1});
        return checkpoint;
    }
}
