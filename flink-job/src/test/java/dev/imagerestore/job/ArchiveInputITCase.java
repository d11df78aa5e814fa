package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.job.ArchiveCorpus.Expected;
import dev.imagerestore.operators.ReportLine;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job over an archive's awkward entries ({@link ArchiveCorpus}) on Flink's mini cluster: every
 * entry, and every page of a multi-page TIFF, is restored or reported, once, with the right status
 * and reason; originals are left
 * byte-identical; nothing is written outside the output folder, nor left temporary; a second run
 * restores nothing new and reports the outputs that exist as skipped. Nothing may hang (a FIFO, link
 * loops): the whole class has a time limit.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ArchiveInputITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void everyEntryIsRestoredOrReportedOnceAndASecondRunRestoresNothingNew(@TempDir Path work) throws Exception {
        ArchiveCorpus corpus = ArchiveCorpus.write(work);
        Map<String, String> originals = regularFiles(corpus.input());
        Map<String, String> outside = regularFiles(corpus.outside());

        run(corpus);

        Map<String, JsonObject> first = linesOfOneRun(RestoreFixture.report(corpus.output()), Set.of());
        assertThat(first.keySet())
                .as("one line per entry, each entry reported")
                .containsExactlyInAnyOrderElementsOf(corpus.expected().keySet());
        corpus.expected().forEach((input, expected) -> assertOutcome(first.get(input), expected));
        for (Map.Entry<String, Expected> e : corpus.expected().entrySet()) {
            String output =
                    e.getValue().output() == null ? e.getKey() : e.getValue().output();
            assertThat(Files.isRegularFile(corpus.output().resolve(output)))
                    .as("%s has an output exactly when it is reported ok", e.getKey())
                    .isEqualTo(e.getValue().status().equals("ok"));
        }
        assertThat(regularFiles(corpus.input()))
                .as("originals are byte-identical")
                .isEqualTo(originals);
        assertThat(regularFiles(corpus.outside()))
                .as("nothing is written outside --output")
                .isEqualTo(outside);
        assertThat(RestoreFixture.hiddenFiles(corpus.output()))
                .as("no temporary file is left")
                .isEmpty();

        run(corpus);

        Set<String> firstRun =
                Set.of(first.values().iterator().next().get("run").getAsString());
        Map<String, JsonObject> second = linesOfOneRun(RestoreFixture.report(corpus.output()), firstRun);
        assertThat(second.keySet())
                .containsExactlyInAnyOrderElementsOf(corpus.expected().keySet());
        corpus.expected()
                .forEach((input, expected) -> assertOutcome(
                        second.get(input),
                        expected.status().equals("ok")
                                ? new Expected("skipped", "exists; pass --overwrite")
                                : expected));
        assertThat(regularFiles(corpus.input())).isEqualTo(originals);
        assertThat(RestoreFixture.hiddenFiles(corpus.output())).isEmpty();
    }

    private static void run(ArchiveCorpus corpus) throws Exception {
        Configuration config = RestoreFixture.smallCpuInference();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(
                env, RestoreFixture.spec(corpus.input(), corpus.output(), MODEL.directory(), Optional.empty(), config));
        env.execute("archive-itcase");
    }

    private static void assertOutcome(JsonObject line, Expected expected) {
        assertThat(line.get("status").getAsString()).as("status of %s", line).isEqualTo(expected.status());
        if (!expected.status().equals("ok")) {
            assertThat(line.get("reason").getAsString())
                    .as("reason of %s", line)
                    .contains(expected.reason());
        } else if (expected.output() != null) {
            assertThat(line.get("output").getAsString())
                    .as("output of %s", line)
                    .isEqualTo(expected.output());
        }
    }

    /** The lines of the one run whose id is not in {@code earlierRuns}, by input and page; fails on a second line for one. */
    private static Map<String, JsonObject> linesOfOneRun(List<ReportLine> report, Set<String> earlierRuns) {
        Map<String, JsonObject> byInput = new TreeMap<>();
        List<JsonObject> lines = report.stream()
                .map(l -> JsonParser.parseString(l.toJson()).getAsJsonObject())
                .filter(l -> !earlierRuns.contains(l.get("run").getAsString()))
                .toList();
        assertThat(lines.stream().map(l -> l.get("run").getAsString()).collect(Collectors.toSet()))
                .as("one run id per run")
                .hasSize(1);
        for (JsonObject line : lines) {
            int page = line.has("page") ? line.get("page").getAsInt() : 0;
            JsonObject before =
                    byInput.put(ArchiveCorpus.pageKey(line.get("input").getAsString(), page), line);
            assertThat(before).as("a second line for %s", line.get("input")).isNull();
        }
        return byInput;
    }

    /** The bytes (Base64) of the readable regular files under {@code root} (links not followed), by raw path. */
    private static Map<String, String> regularFiles(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && Files.isReadable(file)) {
                    files.put(file.toUri().getRawPath(), Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
