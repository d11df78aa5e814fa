package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path report;

    @Test
    void countsLinesByStatusAndKeepsTheSlowestImagesAndTheFrequentReasons() throws IOException {
        Path first = Files.write(
                report.resolve("part-0-aaaa-0.jsonl"),
                List.of(
                        ok("a.png", 1000, 500, 100, 900),
                        ok("b/c.png", 200, 100, 10, 50),
                        "{\"status\":\"failed\",\"file\":\"x.png\",\"stage\":\"decode\",\"reason\":\"x.png: not an image\"}",
                        "{\"status\":\"failed\",\"input\":\"y.png\",\"file\":\"y.png\",\"stage\":\"decode\","
                                + "\"reason\":\"y.png: not an image\",\"run\":\"r1\"}"));
        Path second = Files.write(
                report.resolve("part-1-bbbb-0.jsonl"),
                List.of(
                        "{\"status\":\"failed\",\"file\":\"z.tif\",\"stage\":\"inference\",\"reason\":\"timed out after PT30M\"}",
                        "{\"status\":\"skipped\",\"input\":\"d.png\",\"reason\":\"output exists\",\"run\":\"r1\"}",
                        ""));

        RunSummary summary = RunSummary.of(List.of(first, second), Duration.ofSeconds(4));

        assertThat(summary.byStatus())
                .containsExactlyInAnyOrderEntriesOf(Map.of("ok", 2L, "failed", 3L, "skipped", 1L));
        assertThat(summary.total()).isEqualTo(6);
        assertThat(summary.megapixels()).isEqualTo(0.52);
        assertThat(summary.megapixelsPerSecond()).isEqualTo(0.13);
        assertThat(summary.slowest()).extracting(RunSummary.Slow::file).containsExactly("a.png", "b/c.png");
        assertThat(summary.slowest().get(0).seconds()).isEqualTo(1.0);
        assertThat(summary.reasons())
                .containsExactly(
                        new RunSummary.Reason("decode: not an image", 2, "x.png"),
                        new RunSummary.Reason("inference: timed out after PT30M", 1, "z.tif"));
    }

    @Test
    void theJsonFileHoldsTheSameFigures() throws IOException {
        Path part = Files.write(
                report.resolve("part-0-aaaa-0.jsonl"),
                List.of(
                        ok("a.png", 100, 100, 5, 20),
                        "{\"status\":\"failed\",\"file\":\"x.png\",\"stage\":\"decode\",\"reason\":\"x.png: not an image\"}"));
        RunSummary summary = RunSummary.of(List.of(part), Duration.ofMillis(2500));

        Path written = summary.write(report);

        JsonObject json = JsonParser.parseString(Files.readString(written)).getAsJsonObject();
        assertThat(written).isEqualTo(report.resolve(RunSummary.FILE_NAME));
        assertThat(json.getAsJsonObject("counts").get("ok").getAsLong()).isEqualTo(1);
        assertThat(json.getAsJsonObject("counts").get("failed").getAsLong()).isEqualTo(1);
        assertThat(json.getAsJsonObject("counts").get("skipped").getAsLong()).isZero();
        assertThat(json.get("total").getAsLong()).isEqualTo(2);
        assertThat(json.get("wallSeconds").getAsDouble()).isEqualTo(2.5);
        assertThat(json.get("megapixels").getAsDouble()).isEqualTo(0.01);
        assertThat(json.getAsJsonArray("slowest")).hasSize(1);
        assertThat(json.getAsJsonArray("failureReasons")
                        .get(0)
                        .getAsJsonObject()
                        .get("reason")
                        .getAsString())
                .isEqualTo("decode: not an image");
        try (var files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("part-0-aaaa-0.jsonl", RunSummary.FILE_NAME);
        }
    }

    @Test
    void thePrintedSummaryGivesCountsThroughputAndReasons() throws IOException {
        Path part = Files.write(
                report.resolve("part-0-aaaa-0.jsonl"),
                List.of(
                        ok("a.png", 1000, 1000, 5, 1995),
                        "{\"status\":\"failed\",\"file\":\"x.png\",\"stage\":\"decode\",\"reason\":\"x.png: not an image\"}"));
        StringWriter text = new StringWriter();

        RunSummary.of(List.of(part), Duration.ofSeconds(10)).print(new PrintWriter(text));

        assertThat(text.toString().lines())
                .containsExactly(
                        "summary: 2 inputs: 1 ok, 1 failed, 0 skipped; 1.00 MP restored in 0:00:10 (0.10 MP/s)",
                        "slowest: a.png 2.0 s (1.00 MP)",
                        "failed: 1 x decode: not an image (e.g. x.png)");
    }

    @Test
    void restoredImagesLeftNearlyUnchangedAreCountedNamedAndPrinted() throws IOException {
        Path part = Files.write(
                report.resolve("part-0-aaaa-0.jsonl"),
                List.of(
                        "{\"status\":\"ok\",\"input\":\"flat.png\",\"rmsChange\":0.12}",
                        "{\"status\":\"ok\",\"input\":\"grainy.png\",\"rmsChange\":7.5}",
                        "{\"status\":\"ok\",\"input\":\"scan.tif\",\"rmsChange\":0.49}",
                        "{\"status\":\"ok\",\"input\":\"old.png\"}",
                        "{\"status\":\"failed\",\"input\":\"x.png\",\"rmsChange\":0.0,\"stage\":\"encode\",\"reason\":\"x\"}"));
        RunSummary summary = RunSummary.of(List.of(part), Duration.ofSeconds(1));
        assertThat(summary.unchanged().count()).isEqualTo(2);
        assertThat(summary.unchanged().examples()).containsExactly("flat.png", "scan.tif");
        assertThat(summary.toJson()
                        .getAsJsonObject("nearlyUnchanged")
                        .get("count")
                        .getAsLong())
                .isEqualTo(2);
        StringWriter text = new StringWriter();
        summary.print(new PrintWriter(text));
        assertThat(text.toString())
                .contains("nearly unchanged: 2 restored images changed by under 0.5 levels RMS, "
                        + "the model found little to restore (e.g. flat.png, scan.tif)");
    }

    @Test
    void countsAreReadFromTheAccumulatorsByStatus() {
        RunCounts counts = RunCounts.of(Map.of(
                RunCounts.STATUS_PREFIX + "ok",
                4L,
                RunCounts.STATUS_PREFIX + "failed",
                1L,
                RunCounts.STATUS_PREFIX + "skipped",
                2L,
                RunCounts.PIXELS,
                3_000_000L,
                RunCounts.LATEST,
                "a/b.png",
                "unrelated",
                9L));

        assertThat(counts.processed()).isEqualTo(7);
        assertThat(counts.count("ok")).isEqualTo(4);
        assertThat(counts.count("failed")).isEqualTo(1);
        assertThat(counts.megapixels()).isEqualTo(3.0);
        assertThat(counts.latestFile()).isEqualTo("a/b.png");
    }

    private static String ok(String input, int width, int height, long decodeMs, long inferenceMs) {
        return "{\"status\":\"ok\",\"input\":\"" + input + "\",\"output\":\"" + input + "\",\"task\":\"denoise\","
                + "\"width\":" + width + ",\"height\":" + height
                + ",\"bitDepth\":8,\"format\":\"png\",\"noiseLevel\":null,"
                + "\"timingsMs\":{\"decode\":" + decodeMs + ",\"inference\":" + inferenceMs + "}}";
    }
}
