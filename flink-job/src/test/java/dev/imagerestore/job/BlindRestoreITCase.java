package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportJson;
import dev.imagerestore.operators.ReportLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore --task restore} end to end on the embedded mini cluster, with a small random restorer
 * (the pipeline is under test, not the restoration's quality): the task the card picks, masks from a
 * folder, masks found by the learned detector, saved masks and the report's measures.
 */
class BlindRestoreITCase {

    @TempDir
    static Path models;

    @TempDir
    Path work;

    @BeforeAll
    static void tinyModels() throws IOException {
        TinyRestorationModels.write(models);
    }

    /** Two images, one grayscale, at sizes that span several 32-pixel tiles. */
    private Path inputs() throws IOException {
        Path input = work.resolve("in");
        SampleGenerator generator = new SampleGenerator(3);
        RestoreFixture.write(generator.noisyScene(56, 40, 0, 8), input.resolve("a.png"), OutputFormat.PNG);
        RestoreFixture.write(
                generator.noisyScene(40, 36, 1, 8).toOneChannel(), input.resolve("box/b.png"), OutputFormat.PNG);
        return input;
    }

    @Test
    void aRestorerCardRunsBlindRestorationWithoutTaskAndReportsTheRmsChange() throws IOException {
        Path input = inputs();
        Path output = work.resolve("out");

        CliRun run = restore(input, output);

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(RestoreFixture.visibleFiles(output)).containsExactly("a.png", "box/b.png");
        assertThat(ImageFiles.read(output.resolve("box/b.png")).channels()).isEqualTo(1);
        assertThat(okLines(output)).hasSize(2).allSatisfy(line -> {
            assertThat(line.get("task").getAsString()).isEqualTo("restore");
            assertThat(line.get("rmsChange").getAsDouble()).isPositive();
            assertThat(line.has("maskedFraction")).isFalse();
            assertThat(line.getAsJsonObject("timingsMs").has("restore")).isTrue();
        });
    }

    @Test
    void masksFromAFolderAreRepairedInTheSamePassAndSavedNextToTheOutputs() throws IOException {
        Path input = inputs();
        Path masks = work.resolve("masks");
        Mask box = Mask.box(40, 56, 8, 10, 12, 20);
        Mask small = Mask.box(8, 10, 2, 2, 3, 3);
        RestoreFixture.write(box.toImage(), masks.resolve("a.mask.png"), OutputFormat.PNG);
        RestoreFixture.write(small.toImage(), masks.resolve("box/b.mask.png"), OutputFormat.PNG);
        Path output = work.resolve("out");

        CliRun run = restore(input, output, "--task", "restore", "--mask", masks.toString(), "--save-masks");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(RestoreFixture.visibleFiles(output))
                .containsExactly("a.mask.png", "a.png", "box/b.mask.png", "box/b.png");
        assertThat(Mask.fromImage(ImageFiles.read(output.resolve("a.mask.png"))))
                .isEqualTo(box);
        assertThat(Mask.fromImage(ImageFiles.read(output.resolve("box/b.mask.png"))))
                .as("resized to its image, as used")
                .isEqualTo(small.resizedTo(36, 40));
        assertThat(okLines(output))
                .extracting(line -> line.get("input").getAsString() + " "
                        + line.get("maskedFraction").getAsDouble() + " "
                        + line.get("maskOutput").getAsString())
                .containsExactlyInAnyOrder(
                        "a.png " + box.fraction() + " a.mask.png",
                        "box/b.png " + small.resizedTo(36, 40).fraction() + " box/b.mask.png");
        assertThat(okLines(output)).allSatisfy(line -> {
            assertThat(line.get("task").getAsString()).isEqualTo("restore masks=folder");
            assertThat(line.has("rmsChange")).isTrue();
            assertThat(line.has("maskConfidence")).as("no detector ran").isFalse();
        });
    }

    @Test
    void autoMasksComeFromTheLearnedDetectorWithItsConfidence() throws IOException {
        Path input = inputs();
        Path output = work.resolve("out");

        CliRun run = restore(
                input,
                output,
                "--mask",
                "auto",
                "--detector",
                TinyRestorationModels.detector(models).toString(),
                "--mask-threshold",
                "0.5",
                "--save-masks");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(RestoreFixture.visibleFiles(output))
                .containsExactly("a.mask.png", "a.png", "box/b.mask.png", "box/b.png");
        for (JsonObject line : okLines(output)) {
            Mask saved = Mask.fromImage(
                    ImageFiles.read(output.resolve(line.get("maskOutput").getAsString())));
            assertThat(line.get("maskedFraction").getAsDouble()).isEqualTo(saved.fraction());
            assertThat(line.get("task").getAsString()).isEqualTo("restore masks=auto");
            if (saved.isEmpty()) {
                assertThat(line.has("maskConfidence")).isFalse();
            } else {
                assertThat(line.get("maskConfidence").getAsDouble()).isBetween(0.5, 1.0);
            }
        }
    }

    @Test
    void inpaintWithAutoMasksRepairsOnlyTheFlaggedPixelsInOnePassAndKeepsEveryOtherBitForBit() throws IOException {
        Path input = inputs();
        Path output = work.resolve("out");

        CliRun run = restore(
                input,
                output,
                "--task",
                "inpaint",
                "--mask",
                "auto",
                "--detector",
                TinyRestorationModels.detector(models).toString(),
                "--mask-threshold",
                "0.5",
                "--save-masks");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        List<JsonObject> lines = okLines(output);
        assertThat(lines).hasSize(2);
        int repaired = 0;
        for (JsonObject line : lines) {
            assertThat(line.get("task").getAsString()).isEqualTo("inpaint masks=auto");
            String name = line.get("input").getAsString();
            Mask saved = Mask.fromImage(
                    ImageFiles.read(output.resolve(line.get("maskOutput").getAsString())));
            float[] before = ImageFiles.read(input.resolve(name)).toArray();
            float[] after = ImageFiles.read(output.resolve(name)).toArray();
            int plane = saved.height() * saved.width();
            boolean changedInside = false;
            for (int i = 0; i < after.length; i++) {
                int p = i % plane;
                boolean flagged = saved.get(p / saved.width(), p % saved.width());
                if (!flagged) {
                    assertThat(after[i])
                            .as("%s, sample %d outside the mask", name, i)
                            .isEqualTo(before[i]);
                } else {
                    changedInside |= after[i] != before[i];
                }
            }
            if (!saved.isEmpty()) {
                repaired++;
                assertThat(changedInside)
                        .as("%s: the flagged pixels are filled", name)
                        .isTrue();
                assertThat(line.get("rmsChange").getAsDouble()).isPositive();
            }
        }
        assertThat(repaired)
                .as("the tiny detector flags something at 0.5 in at least one image")
                .isPositive();
    }

    @Test
    void theDefaultRunWithMaskAutoUsesTheZoosModelsFromTheJarWhereModelsZooIsNotOnDisk() throws IOException {
        assertThat(Path.of("models/zoo"))
                .as("the tests run where models/zoo/ is not")
                .doesNotExist();
        Path input = inputs();
        Path output = work.resolve("out");

        CliRun run = CliRun.of(
                "restore",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--mask",
                "auto",
                "--save-masks",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--parallelism",
                "1",
                "--progress",
                "none");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(okLines(output)).hasSize(2).allSatisfy(line -> {
            assertThat(line.get("task").getAsString()).isEqualTo("restore masks=auto");
            assertThat(line.has("maskOutput")).isTrue();
        });
    }

    @Test
    void aWatchRunRepairsDroppedFilesWithAutoMasksAndCommitsEachMaskWithItsImageOnce() throws Exception {
        Path input = Files.createDirectories(work.resolve("watched"));
        Path output = work.resolve("out");
        JobClient job = RestoreFixture.start(
                "restore-mask-auto-watch-itcase",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--model",
                TinyRestorationModels.restorer(models).toString(),
                "--mask",
                "auto",
                "--detector",
                TinyRestorationModels.detector(models).toString(),
                "--mask-threshold",
                "0.5",
                "--save-masks",
                "--watch",
                StreamingRestoreITCase.WATCH.toString(),
                "--checkpoint-interval",
                "PT1S",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--parallelism",
                "1");
        List<String> expected = List.of("a.mask.png", "a.png", "box/b.mask.png", "box/b.png");
        try {
            SampleGenerator generator = new SampleGenerator(3);
            RestoreFixture.write(generator.noisyScene(56, 40, 0, 8), input.resolve("a.png"), OutputFormat.PNG);
            awaitRestored(output, List.of("a.mask.png", "a.png"), 1);
            RestoreFixture.write(
                    generator.noisyScene(40, 36, 1, 8).toOneChannel(), input.resolve("box/b.png"), OutputFormat.PNG);
            awaitRestored(output, expected, 2);
        } finally {
            job.cancel().get();
        }

        assertThat(RestoreFixture.visibleFiles(output)).containsExactlyElementsOf(expected);
        List<JsonObject> lines = okLines(output);
        assertThat(lines)
                .extracting(line -> line.get("input").getAsString())
                .containsExactlyInAnyOrder("a.png", "box/b.png");
        for (JsonObject line : lines) {
            Mask saved = Mask.fromImage(
                    ImageFiles.read(output.resolve(line.get("maskOutput").getAsString())));
            assertThat(line.get("maskedFraction").getAsDouble()).isEqualTo(saved.fraction());
        }
        assertThat(RestoreFixture.hiddenFiles(output))
                .as("no temporary file is left")
                .isEmpty();
    }

    @Test
    void aDenoiserTaskWithARestorerModelIsAUsageErrorNamingBoth() throws IOException {
        CliRun run = restore(inputs(), work.resolve("out"), "--task", "denoise");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "--task denoise needs a denoiser",
                        "'tiny-restorer', prediction x0-residual",
                        "(--task restore)")
                .doesNotContain("Exception");
    }

    @Test
    void masksForARestorerTrainedWithoutDamageAreAUsageErrorNotASilentNoOp() throws IOException {
        Path undamaged = work.resolve("undamaged");
        Files.createDirectories(undamaged);
        Path restorer = TinyRestorationModels.restorer(models);
        try (var files = Files.list(restorer)) {
            for (Path file : files.toList()) {
                Files.copy(file, undamaged.resolve(file.getFileName()));
            }
        }
        Path card = undamaged.resolve("model-card.json");
        String json = Files.readString(card);
        assertThat(json).contains("\"damageShare\": " + TinyRestorationModels.DAMAGE_SHARE);
        Files.writeString(
                card, json.replace("\"damageShare\": " + TinyRestorationModels.DAMAGE_SHARE, "\"damageShare\": 0.0"));

        CliRun run = CliRun.of(
                "restore",
                "--input",
                inputs().toString(),
                "--output",
                work.resolve("out").toString(),
                "--model",
                undamaged.toString(),
                "--mask",
                "auto",
                "--device",
                "cpu",
                "--progress",
                "none");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "--mask auto needs a restorer trained on damage",
                        "'tiny-restorer'",
                        "train --damage-share",
                        "--task inpaint")
                .doesNotContain("Exception");
        assertThat(work.resolve("out/_report")).doesNotExist();
    }

    /** Polls until {@code files} are visible and the report has {@code images} lines (an image and its mask share one). */
    private static void awaitRestored(Path output, List<String> files, int images) throws Exception {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (!(RestoreFixture.visibleFilesWhileWriting(output).containsAll(files)
                && RestoreFixture.report(output).size() >= images)) {
            assertThat(System.nanoTime() - deadline)
                    .as(
                            "%s and %d report lines within %s: outputs %s",
                            files,
                            images,
                            RestoreFixture.AWAIT_DEADLINE,
                            RestoreFixture.visibleFilesWhileWriting(output))
                    .isNegative();
            Thread.sleep(100);
        }
    }

    private static List<JsonObject> okLines(Path output) throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        for (ReportLine line : RestoreFixture.report(output)) {
            if (line.status().equals("ok")) {
                lines.add(ReportJson.parse(line.toJson()));
            }
        }
        return lines;
    }

    private static CliRun restore(Path input, Path output, String... options) {
        List<String> more = new ArrayList<>(List.of("--batch", "2", "--parallelism", "1", "--progress", "none"));
        more.addAll(List.of(options));
        return CliRun.of(RestoreFixture.tinyRun(
                TinyRestorationModels.restorer(models), input, output, more.toArray(String[]::new)));
    }
}
