package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.job.internal.RunSummary;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore} end to end on the embedded mini cluster, as a script sees it: the exit code (0 all
 * restored or skipped, 3 some failed, 1 the run failed), the progress lines, the printed summary and
 * {@code _report/summary.json}, whose counts are those of the report lines this run wrote.
 */
class RestoreRunITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    private static final Pattern PROGRESS =
            Pattern.compile("progress: (\\d+)/(\\d+) \\((\\d+) ok, (\\d+) failed, (\\d+) skipped\\)");

    @TempDir
    Path work;

    @Test
    void aRunWhereEveryImageIsRestoredExitsZero() throws IOException {
        Path input = inputs(false);
        Path output = work.resolve("out");

        CliRun run = restore(input, output, MODEL.directory());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(lastProgress(run)).containsExactly(2, 2, 2, 0, 0);
        JsonObject counts = summaryCounts(output);
        assertThat(counts.get("ok").getAsLong()).isEqualTo(2);
        assertThat(counts.get("failed").getAsLong()).isZero();
        assertThat(run.out())
                .contains(
                        "summary: 2 inputs: 2 ok, 0 failed, 0 skipped;",
                        "summary in "
                                + output.toAbsolutePath().resolve("_report").resolve(RunSummary.FILE_NAME));
    }

    @Test
    void aRunIntoAFolderWithOutputsCountsOnlyItsOwnImagesAndExitsThreeWhenOneFailed() throws IOException {
        Path input = inputs(true);
        Path output = work.resolve("out");
        Files.createDirectories(output.resolve("_report"));
        Files.write(output.resolve("earlier.png"), new byte[] {1, 2, 3});
        Path earlier = Files.write(
                output.resolve("_report/part-0-earlier-0.jsonl"),
                List.of(
                        "{\"status\":\"ok\",\"input\":\"x.png\",\"width\":8,\"height\":8}",
                        "{\"status\":\"ok\",\"input\":\"y.png\",\"width\":8,\"height\":8}"));

        CliRun run = restore(input, output, MODEL.directory());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(3);
        List<int[]> progress = progress(run);
        assertThat(progress.get(0)).as("starts at 0 whatever the folder holds").containsExactly(0, 3, 0, 0, 0);
        List<ReportLine> lines = ownReportLines(output, earlier);
        long failed = lines.stream().filter(ReportLine::isFailure).count();
        assertThat(lines).hasSize(3);
        assertThat(failed).isEqualTo(1);
        assertThat(lastProgress(run))
                .as("the final progress counts are the report's")
                .containsExactly(lines.size(), 3, (int) (lines.size() - failed), (int) failed, 0);
        JsonObject summary = JsonParser.parseString(
                        Files.readString(output.resolve("_report").resolve(RunSummary.FILE_NAME)))
                .getAsJsonObject();
        assertThat(summary.getAsJsonObject("counts").get("ok").getAsLong()).isEqualTo(lines.size() - failed);
        assertThat(summary.getAsJsonObject("counts").get("failed").getAsLong()).isEqualTo(failed);
        assertThat(summary.get("total").getAsLong()).isEqualTo(lines.size());
        assertThat(summary.getAsJsonArray("failureReasons")
                        .get(0)
                        .getAsJsonObject()
                        .get("example")
                        .getAsString())
                .isEqualTo("broken.png");
        assertThat(run.out()).contains("failed: 1 x decode: ");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void aRerunIntoTheSameFolderReportsEveryInputSkippedAndExitsZero() throws IOException {
        Path input = inputs(false);
        Files.writeString(input.resolve("notes.txt"), "not an image");
        Path output = work.resolve("out");
        CliRun first = restore(input, output, MODEL.directory());
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out())
                .contains("on the embedded mini cluster: 2 images (0.00 MP); 1 other entry will be "
                        + "reported as skipped");
        assertThat(lastProgress(first))
                .as("the text file has a line of its own in the total")
                .containsExactly(3, 3, 2, 0, 1);

        CliRun again = restore(input, output, MODEL.directory());

        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(lastProgress(again))
                .as("existing outputs are skipped, not failed")
                .containsExactly(3, 3, 0, 0, 3);
        JsonObject counts = summaryCounts(output);
        assertThat(counts.get("skipped").getAsLong()).isEqualTo(3);
        assertThat(counts.get("failed").getAsLong()).isZero();
    }

    @Test
    void failOnNoneExitsZeroThoughAnImageFailed() throws IOException {
        Path input = inputs(true);

        CliRun run = restore(input, work.resolve("out"), MODEL.directory(), "--fail-on", "none");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(lastProgress(run)).containsExactly(3, 3, 2, 1, 0);
    }

    @Test
    void aRunThatFailsAsAWholeExitsOneWithALineSayingWhy() throws IOException {
        Path input = inputs(false);
        Path broken = Files.createDirectories(work.resolve("broken-model"));
        Files.copy(MODEL.directory().resolve(ModelDirectory.CARD_FILE), broken.resolve(ModelDirectory.CARD_FILE));
        Files.write(broken.resolve(ModelDirectory.WEIGHTS_FILE), new byte[] {1, 2, 3, 4});

        CliRun run = restore(input, work.resolve("out"), broken);

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err())
                .startsWith(
                        "error: the run failed: ModelFormatException: " + broken.resolve(ModelDirectory.WEIGHTS_FILE))
                .contains("the file is corrupt")
                .doesNotContain("\tat ");
        assertThat(run.err().indexOf("the file is corrupt"))
                .as("said once")
                .isEqualTo(run.err().lastIndexOf("the file is corrupt"));
    }

    private Path inputs(boolean withCorruptFile) throws IOException {
        Path input = work.resolve("in");
        SampleGenerator generator = new SampleGenerator(5);
        RestoreFixture.write(generator.noisyScene(24, 16, 0, 20), input.resolve("a.png"), OutputFormat.PNG);
        RestoreFixture.write(generator.noisyScene(16, 24, 1, 20), input.resolve("sub/b.png"), OutputFormat.PNG);
        if (withCorruptFile) {
            Files.write(input.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        }
        return input;
    }

    private static CliRun restore(Path input, Path output, Path model, String... options) {
        List<String> more = new ArrayList<>(List.of("--batch", "3", "--parallelism", "1", "--progress", "lines"));
        more.addAll(List.of(options));
        return CliRun.of(RestoreFixture.tinyRun(model, input, output, more.toArray(String[]::new)));
    }

    private static List<int[]> progress(CliRun run) {
        List<int[]> lines = new ArrayList<>();
        Matcher m = PROGRESS.matcher(run.out());
        while (m.find()) {
            int[] numbers = new int[5];
            for (int i = 0; i < 5; i++) {
                numbers[i] = Integer.parseInt(m.group(i + 1));
            }
            lines.add(numbers);
        }
        assertThat(lines).as(run.out()).isNotEmpty();
        return lines;
    }

    private static int[] lastProgress(CliRun run) {
        List<int[]> lines = progress(run);
        return lines.get(lines.size() - 1);
    }

    private static JsonObject summaryCounts(Path output) throws IOException {
        return JsonParser.parseString(Files.readString(output.resolve("_report").resolve(RunSummary.FILE_NAME)))
                .getAsJsonObject()
                .getAsJsonObject("counts");
    }

    private static List<ReportLine> ownReportLines(Path output, Path earlier) throws IOException {
        List<ReportLine> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(output.resolve("_report"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl") && !f.equals(earlier))
                    .toList()) {
                Files.readAllLines(file).stream()
                        .filter(l -> !l.isBlank())
                        .map(ReportLine::parse)
                        .forEach(lines::add);
            }
        }
        return lines;
    }
}
