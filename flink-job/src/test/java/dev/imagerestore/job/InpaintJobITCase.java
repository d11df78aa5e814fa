package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.job.task.InpaintTask;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.DeviceOption;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inpaint.MaskSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inpainting job on Flink's mini cluster over real files: images with sidecar masks (one at
 * another size than its image), one image whose mask is not an image, a small randomly initialised
 * model (the pipeline and the paste-back are under test, not the fill's quality).
 */
class InpaintJobITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    private static void writeInputs(Path input) throws IOException {
        SampleGenerator generator = new SampleGenerator(5);
        ImageEncoder encoder = ImageEncoder.builder().build();
        Files.createDirectories(input.resolve("box"));
        write(encoder, generator.noisyScene(80, 48, 0, 5), input.resolve("a.png"));
        write(encoder, Mask.box(48, 80, 10, 20, 12, 16).toImage(), input.resolve("a.mask.png"));
        write(encoder, generator.noisyScene(64, 40, 1, 5), input.resolve("box/b.png"));
        write(encoder, Mask.box(20, 32, 4, 4, 3, 20).toImage(), input.resolve("box/b.mask.png"));
        write(encoder, generator.noisyScene(40, 40, 2, 5), input.resolve("box/c.png"));
        Files.write(input.resolve("box/c.mask.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    }

    private static void write(ImageEncoder encoder, FloatImage image, Path file) throws IOException {
        Files.write(file, encoder.encode(image, Optional.empty(), OutputFormat.PNG));
    }

    private static void run(Path input, Path output) throws Exception {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.CPU);
        config.set(InferenceOptions.CPU_THREADS, 1);
        config.set(InferenceOptions.TILE_SIZE, 32);
        config.set(InferenceOptions.OVERLAP, 8);
        config.set(InferenceOptions.MAX_BATCH, 4);
        InferenceSettings inference = InferenceSettings.from(config);
        InpaintTask task = InpaintTask.builder(
                        MODEL.directory(),
                        inference,
                        TinyModel.CONFIG.sizeMultiple(),
                        new InpaintJobSpec(MaskSource.sidecar(), 3, 1, 2, 1, 0, 1))
                .optSeed(7)
                .build();
        RestoreJobSpec spec = new RestoreJobSpec(
                input,
                output,
                task,
                Optional.empty(),
                Duration.ofSeconds(1),
                List.of(),
                List.of(),
                1_000_000,
                Optional.empty(),
                false,
                inference,
                2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, spec);
        env.execute("inpaint-itcase");
    }

    @Test
    void autoMasksComeFromTheLearnedDetectorAndOnlyFlaggedPixelsChange(@TempDir Path work) throws Exception {
        Path models = work.resolve("models");
        TinyRestorationModels.write(models);
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        SampleGenerator generator = new SampleGenerator(5);
        ImageEncoder encoder = ImageEncoder.builder().build();
        Files.createDirectories(input);
        write(encoder, generator.noisyScene(80, 48, 0, 5), input.resolve("a.png"));

        CliRun run = CliRun.of(
                "restore",
                "--task",
                "inpaint",
                "--mask",
                "auto",
                "--detector",
                TinyRestorationModels.detector(models).toString(),
                "--mask-threshold",
                "0.5",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--model",
                MODEL.directory().toString(),
                "--steps",
                "3",
                "--samples",
                "1",
                "--jump-repeats",
                "1",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--parallelism",
                "1",
                "--progress",
                "none");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        List<ReportLine> report = RestoreFixture.report(output);
        assertThat(report)
                .singleElement()
                .satisfies(line -> assertThat(line.status()).isEqualTo("ok"));
        com.google.gson.JsonObject line =
                dev.imagerestore.operators.ReportJson.parse(report.get(0).toJson());
        assertThat(line.get("task").getAsString()).contains("inpaint");
        assertThat(line.has("maskedFraction")).isTrue();

        CliRun notADetector = CliRun.of(
                "restore",
                "--task",
                "inpaint",
                "--mask",
                "auto",
                "--detector",
                MODEL.directory().toString(),
                "--input",
                input.toString(),
                "--output",
                work.resolve("out2").toString(),
                "--model",
                MODEL.directory().toString());
        assertThat(notADetector.code())
                .as("inpaint's --mask auto runs the learned detector it is given")
                .isEqualTo(2);
        assertThat(notADetector.err()).contains("not a damage detector");
    }

    @Test
    void repairsEveryImageWithAGoodMaskKeepsOutsidePixelsAndReportsTheBrokenMask(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        writeInputs(input);

        run(input, output);

        assertThat(RestoreFixture.visibleFiles(output))
                .as("masks are not restored as images; the image with a broken mask is not written")
                .containsExactly("a.png", "box/b.png");
        assertRepairedOnlyInsideTheMask(input.resolve("a.png"), input.resolve("a.mask.png"), output.resolve("a.png"));
        assertRepairedOnlyInsideTheMask(
                input.resolve("box/b.png"), input.resolve("box/b.mask.png"), output.resolve("box/b.png"));
        List<ReportLine> report = RestoreFixture.report(output);
        assertThat(report.stream().filter(l -> !l.isSkipped()).toList()).hasSize(3);
        assertThat(report.stream().filter(ReportLine::isSkipped).toList())
                .as("the three mask sidecars")
                .hasSize(3);
        assertThat(report.stream().filter(ReportLine::isFailure).toList())
                .singleElement()
                .satisfies(l ->
                        assertThat(l.toJson()).contains("\"input\":\"box/c.png\"", "\"stage\":\"mask\"", "c.mask.png"));
        assertThat(report.stream()
                        .filter(l -> l.status().equals("ok"))
                        .map(ReportLine::toJson)
                        .toList())
                .allSatisfy(json -> assertThat(json).contains("\"task\":\"inpaint\"", "\"maskedFraction\":0.0"));
    }

    @Test
    void aFillNetworkFillsTheMasksInOnePassAndRePaintsOptionsAreRefusedForIt(@TempDir Path work) throws Exception {
        Path models = work.resolve("models");
        TinyRestorationModels.write(models);
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        writeInputs(input);

        CliRun run = CliRun.of(RestoreFixture.tinyRun(
                TinyRestorationModels.fill(models), input, output, "--task", "inpaint", "--progress", "none"));

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(RestoreFixture.visibleFiles(output)).containsExactly("a.png", "box/b.png");
        assertRepairedOnlyInsideTheMask(input.resolve("a.png"), input.resolve("a.mask.png"), output.resolve("a.png"));
        assertRepairedOnlyInsideTheMask(
                input.resolve("box/b.png"), input.resolve("box/b.mask.png"), output.resolve("box/b.png"));
        assertThat(RestoreFixture.report(output).stream()
                        .filter(l -> l.status().equals("ok"))
                        .map(ReportLine::toJson)
                        .toList())
                .hasSize(2)
                .allSatisfy(json -> assertThat(json).contains("\"task\":\"inpaint\""));

        CliRun withSteps = CliRun.of(RestoreFixture.tinyRun(
                TinyRestorationModels.fill(models),
                input,
                work.resolve("out2"),
                "--task",
                "inpaint",
                "--steps",
                "5",
                "--progress",
                "none"));
        assertThat(withSteps.code()).isEqualTo(2);
        assertThat(withSteps.err())
                .contains(
                        "--steps 5 sets RePaint's sampler, but --model", "is a fill network, which fills in one pass");
        CliRun notAFill = CliRun.of(RestoreFixture.tinyRun(
                TinyRestorationModels.restorer(models),
                input,
                work.resolve("out3"),
                "--task",
                "inpaint",
                "--progress",
                "none"));
        assertThat(notAFill.code()).isEqualTo(2);
        assertThat(notAFill.err())
                .contains("or a fill network (a restorer trained with train --hole-share, or with --mask auto one "
                        + "trained with train --damage-share)");
    }

    private static void assertRepairedOnlyInsideTheMask(Path in, Path maskFile, Path out) throws IOException {
        FloatImage before = ImageFiles.read(in);
        FloatImage after = ImageFiles.read(out);
        Mask mask = Mask.fromImage(ImageFiles.read(maskFile)).resizedTo(before.height(), before.width());
        assertThat(after.bitDepth()).isEqualTo(before.bitDepth());
        int changedInside = 0;
        for (int c = 0; c < before.channels(); c++) {
            for (int y = 0; y < before.height(); y++) {
                for (int x = 0; x < before.width(); x++) {
                    if (mask.get(y, x)) {
                        changedInside += before.get(c, y, x) != after.get(c, y, x) ? 1 : 0;
                    } else {
                        assertThat(after.get(c, y, x))
                                .as("%s (%d, %d, %d) outside the mask", out, c, y, x)
                                .isEqualTo(before.get(c, y, x));
                    }
                }
            }
        }
        assertThat(changedInside).as("pixels repaired in %s", out).isGreaterThan(0);
    }
}
