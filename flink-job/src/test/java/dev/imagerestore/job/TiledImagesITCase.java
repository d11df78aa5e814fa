package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportJson;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.testing.HandMadeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore} with every image above {@code --tile-above}: each flows as a stream of tiles over
 * both slots and is stitched by one, and the outputs have exactly the pixels of the whole-image run
 * (a small random restorer: the pipeline is under test). Also: one line per image and per page, the
 * whole-image path for what the tiled one does not take, and nothing left behind.
 */
class TiledImagesITCase {

    @TempDir
    static Path models;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final TinyModel DENOISER = new TinyModel();

    @TempDir
    Path work;

    @BeforeAll
    static void tinyModels() throws IOException {
        TinyRestorationModels.write(models);
    }

    private Path inputs() throws IOException {
        Path input = work.resolve("in");
        SampleGenerator generator = new SampleGenerator(5);
        RestoreFixture.write(generator.noisyScene(150, 110, 0, 8), input.resolve("a.png"), OutputFormat.PNG);
        RestoreFixture.write(
                generator.noisyScene(97, 130, 1, 8).toOneChannel().withBitDepth(16),
                input.resolve("scans/b.tif"),
                OutputFormat.TIFF);
        RestoreFixture.write(generator.noisyScene(120, 90, 2, 8), input.resolve("c.jpg"), OutputFormat.JPEG);
        FloatImage first = generator.noisyScene(70, 64, 3, 8);
        FloatImage second = generator.noisyScene(48, 80, 4, 8);
        Files.write(input.resolve("book.tif"), PagedTiffs.of(List.of(first, second)));
        Files.write(input.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        return input;
    }

    @Test
    void imagesThatFlowAsTilesOverBothSlotsComeOutExactlyAsWholeImagesDo() throws IOException {
        Path input = inputs();
        Path whole = work.resolve("whole");
        Path tiled = work.resolve("tiled");

        CliRun wholeRun = restore(input, whole, "--parallelism", "1");
        // each slot with its own copy of the model (CPU workers), so the chunks of one image run on two
        CliRun tiledRun = restore(input, tiled, "--parallelism", "2", "--tile-above", "1", "--cpu-workers", "2");

        assertThat(wholeRun.code())
                .as("a failed image makes the exit code 3: " + wholeRun.out() + wholeRun.err())
                .isEqualTo(3);
        assertThat(tiledRun.code()).as(tiledRun.out() + tiledRun.err()).isEqualTo(3);
        List<String> outputs = List.of("a.png", "book.page-001.tif", "book.page-002.tif", "c.jpg", "scans/b.tif");
        assertThat(RestoreFixture.visibleFiles(tiled))
                .as(lines(tiled).toString())
                .containsExactlyElementsOf(outputs);
        assertThat(RestoreFixture.hiddenFiles(tiled)).isEmpty();
        for (String output : outputs) {
            FloatImage expected = ImageFiles.read(whole.resolve(output));
            FloatImage actual = ImageFiles.read(tiled.resolve(output));
            assertThat(actual.bitDepth()).as(output).isEqualTo(expected.bitDepth());
            assertThat(actual.toArray()).as(output).containsExactly(expected.toArray());
        }
        List<JsonObject> lines = lines(tiled);
        assertThat(lines)
                .extracting(l ->
                        l.get("status").getAsString() + " " + l.get("input").getAsString()
                                + (l.has("page") ? " " + l.get("page").getAsInt() : ""))
                .containsExactlyInAnyOrder(
                        "ok a.png",
                        "ok book.tif 1",
                        "ok book.tif 2",
                        "ok c.jpg",
                        "ok scans/b.tif",
                        "failed broken.png");
        JsonObject a = lines.stream()
                .filter(l -> l.get("input").getAsString().equals("a.png"))
                .findFirst()
                .orElseThrow();
        assertThat(a.get("task").getAsString()).startsWith("restore tiles=");
        assertThat(a.get("rmsChange").getAsDouble())
                .isCloseTo(
                        lines(whole).stream()
                                .filter(l -> l.get("input").getAsString().equals("a.png"))
                                .findFirst()
                                .orElseThrow()
                                .get("rmsChange")
                                .getAsDouble(),
                        org.assertj.core.data.Offset.offset(1e-3));

        CliRun again = restore(input, tiled, "--parallelism", "2", "--tile-above", "1");
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(3);
        assertThat(lines(tiled).stream()
                        .filter(l -> l.get("status").getAsString().equals("skipped"))
                        .map(l -> l.get("reason").getAsString()))
                .as("a second run restores nothing new")
                .hasSize(5)
                .allSatisfy(reason -> assertThat(reason).endsWith("exists; pass --overwrite to replace it"));
    }

    @Test
    void aScanAboveTheWholeImageLimitFlowsAsTilesAndOnlyAPageThatMustGoWholeIsRefused() throws IOException {
        Path input = work.resolve("limits");
        SampleGenerator generator = new SampleGenerator(7);
        RestoreFixture.write(generator.noisyScene(150, 110, 0, 8), input.resolve("large.png"), OutputFormat.PNG);
        RestoreFixture.write(generator.noisyScene(40, 30, 1, 8), input.resolve("small.png"), OutputFormat.PNG);
        Path upright = work.resolve("upright.jpg");
        RestoreFixture.write(generator.noisyScene(120, 90, 2, 8), upright, OutputFormat.JPEG);
        Files.write(input.resolve("turned.jpg"), HandMadeFiles.withExifOrientation(Files.readAllBytes(upright), 6));
        Path output = work.resolve("limits-out");

        CliRun run = restore(input, output, "--parallelism", "1", "--tile-above", "2000", "--max-whole-pixels", "5000");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(3);
        List<JsonObject> lines = lines(output);
        assertThat(lines)
                .extracting(l ->
                        l.get("status").getAsString() + " " + l.get("input").getAsString())
                .containsExactlyInAnyOrder("ok large.png", "ok small.png", "failed turned.jpg");
        assertThat(lines)
                .filteredOn(l -> l.get("input").getAsString().equals("large.png"))
                .singleElement()
                .satisfies(l -> assertThat(l.get("task").getAsString())
                        .as("16.5 kpx, above --max-whole-pixels, as tiles")
                        .startsWith("restore tiles="));
        assertThat(lines)
                .filteredOn(l -> l.get("input").getAsString().equals("turned.jpg"))
                .singleElement()
                .satisfies(l -> assertThat(l.get("reason").getAsString())
                        .as("its orientation must be applied to the whole image")
                        .contains("image is 120x90 = ", "above --max-whole-pixels = ", "raise --max-whole-pixels"));
        assertThat(RestoreFixture.visibleFiles(output)).containsExactlyInAnyOrder("large.png", "small.png");
    }

    @Test
    void theDenoiserTakesTheTiledPathWithAGivenOrASampledNoiseLevel() throws IOException {
        Path input = inputs();
        Path whole = work.resolve("whole");
        Path tiled = work.resolve("tiled");
        Path sampled = work.resolve("sampled");

        CliRun wholeRun = denoise(input, whole, "--sigma", "15", "--parallelism", "1");
        CliRun tiledRun = denoise(input, tiled, "--sigma", "15", "--parallelism", "2", "--tile-above", "1");
        CliRun sampledRun = denoise(input, sampled, "--sigma", "auto", "--parallelism", "2", "--tile-above", "1");

        for (CliRun run : List.of(wholeRun, tiledRun, sampledRun)) {
            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(3);
        }
        List<String> outputs = List.of("a.png", "book.page-001.tif", "book.page-002.tif", "c.jpg", "scans/b.tif");
        assertThat(RestoreFixture.visibleFiles(tiled)).containsExactlyElementsOf(outputs);
        assertThat(RestoreFixture.hiddenFiles(tiled)).isEmpty();
        for (String output : outputs) {
            float[] expected = ImageFiles.read(whole.resolve(output)).toArray();
            float[] actual = ImageFiles.read(tiled.resolve(output)).toArray();
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            assertThat(worst)
                    .as("%s: a tile's result does not depend on its batch, up to float rounding", output)
                    .isLessThanOrEqualTo(1.0 / 255 + 1e-6);
        }
        assertThat(lines(tiled).stream()
                        .filter(l -> l.get("status").getAsString().equals("ok")))
                .hasSize(5)
                .allSatisfy(l -> {
                    assertThat(l.get("task").getAsString()).startsWith("denoise tiles=");
                    assertThat(l.get("noiseLevel").getAsDouble()).isEqualTo(15.0);
                });
        assertThat(lines(sampled).stream()
                        .filter(l -> l.get("status").getAsString().equals("ok")))
                .as("levels estimated on each image's sample of windows")
                .hasSize(5)
                .allSatisfy(l -> assertThat(l.get("noiseLevel").getAsDouble()).isPositive());
    }

    private static CliRun denoise(Path input, Path output, String... options) {
        List<String> more = new ArrayList<>(List.of("--task", "denoise", "--batch", "3", "--progress", "none"));
        more.addAll(List.of(options));
        return CliRun.of(RestoreFixture.tinyRun(DENOISER.directory(), input, output, more.toArray(String[]::new)));
    }

    @Test
    void killedWhileStitchingOrAfterWritingTheRerunEndsWithEveryImageCompleteOnceAndNothingLeftBehind()
            throws Exception {
        Path input = work.resolve("in");
        SampleGenerator generator = new SampleGenerator(9);
        List<String> names = List.of("one.png", "two.png", "three.png");
        for (int i = 0; i < names.size(); i++) {
            RestoreFixture.write(generator.noisyScene(420, 300, i, 12), input.resolve(names.get(i)), OutputFormat.PNG);
        }
        Path reference = work.resolve("reference");
        assertThat(restore(input, reference, "--parallelism", "1").code()).isZero();

        Path output = work.resolve("out");
        Process stitching = ownJvm(input, output, "killed-stitching");
        awaitFile(output, stitching, name -> name.endsWith(TempFiles.SUFFIX));
        stitching.destroyForcibly().waitFor();
        assertThat(RestoreFixture.visibleFiles(output))
                .as("killed before its first output")
                .allSatisfy(name -> assertThat(name).startsWith("."));
        Process written = ownJvm(input, output, "killed-written");
        awaitFile(output, written, name -> !name.startsWith(".") && names.contains(name));
        written.destroyForcibly().waitFor();
        Process last = ownJvm(input, output, "last");
        assertThat(last.waitFor(4, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(last.exitValue())
                .as(Files.readString(work.resolve("last.log")))
                .isZero();

        assertThat(RestoreFixture.hiddenFiles(output))
                .as("no temporary file or spool left")
                .isEmpty();
        assertThat(RestoreFixture.visibleFiles(output)).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(ImageFiles.read(output.resolve(name)).toArray())
                    .as(name)
                    .containsExactly(ImageFiles.read(reference.resolve(name)).toArray());
        }
        assertThat(lines(output).stream()
                        .filter(l -> l.get("status").getAsString().equals("ok")))
                .as("one ok line per image over the three runs' reports")
                .extracting(l -> l.get("input").getAsString())
                .containsExactlyInAnyOrderElementsOf(names);
    }

    /** The restore command with every image as tiles, in a JVM of its own (so that a kill takes it all down). */
    private Process ownJvm(Path input, Path output, String name) throws IOException {
        return CliRun.inOwnJvm(
                        work.resolve(name + ".log"),
                        RestoreFixture.tinyRun(
                                TinyRestorationModels.restorer(models),
                                input,
                                output,
                                "--batch",
                                "2",
                                "--parallelism",
                                "1",
                                "--tile-above",
                                "1",
                                "--progress",
                                "none"))
                .start();
    }

    /** Polls until a file whose name {@code matches} is in {@code output} while {@code run} works. */
    private static void awaitFile(Path output, Process run, java.util.function.Predicate<String> matches)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (true) {
            if (Files.isDirectory(output)) {
                try (java.util.stream.Stream<Path> files = Files.list(output)) {
                    if (files.map(p -> p.getFileName().toString()).anyMatch(matches)) {
                        return;
                    }
                }
            }
            assertThat(run.isAlive())
                    .as("the run ended before the file it is killed at appeared")
                    .isTrue();
            assertThat(System.nanoTime() - deadline).isNegative();
            Thread.sleep(2);
        }
    }

    private static List<JsonObject> lines(Path output) throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        for (ReportLine line : RestoreFixture.report(output)) {
            lines.add(ReportJson.parse(line.toJson()));
        }
        return lines;
    }

    private static CliRun restore(Path input, Path output, String... options) {
        List<String> more = new ArrayList<>(List.of("--batch", "2", "--progress", "none"));
        more.addAll(List.of(options));
        return CliRun.of(RestoreFixture.tinyRun(
                TinyRestorationModels.restorer(models), input, output, more.toArray(String[]::new)));
    }
}
