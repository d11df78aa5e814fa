package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path report;

    private static String line(String input, String run) {
        return "{\"status\":\"ok\",\"input\":\"" + input + "\",\"run\":\"" + run + "\"}";
    }

    @Test
    void theRunsPartsBecomeOneFileNamedByItsRunIdAndLatestPointsAtIt() throws Exception {
        Path earlier = Files.writeString(report.resolve("run-old.jsonl"), line("x.png", "old") + "\n");
        Path a = Files.write(report.resolve("part-0-r1-0.jsonl"), List.of(line("a.png", "r1"), line("b.png", "r1")));
        Path b = Files.write(report.resolve("part-1-r1-0.jsonl"), List.of(line("c é.png", "r1")));

        Optional<Path> gathered = RunReport.gather(report, List.of(a, b));

        assertThat(gathered).contains(report.resolve("run-r1.jsonl"));
        assertThat(Files.readAllLines(gathered.get(), StandardCharsets.UTF_8))
                .containsExactly(line("a.png", "r1"), line("b.png", "r1"), line("c é.png", "r1"));
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(Files.readString(earlier)).isEqualTo(line("x.png", "old") + "\n");
        assertThat(RunReport.latest(report)).contains(report.resolve("run-r1.jsonl"));
        try (var files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary left")
                    .containsExactlyInAnyOrder("run-old.jsonl", "run-r1.jsonl", "latest");
        }
    }

    @Test
    void aLaterRunMovesLatestAndKeepsTheEarlierRunsFile() throws Exception {
        RunReport.gather(report, List.of(Files.write(report.resolve("part-0-r1-0.jsonl"), List.of(line("a", "r1")))));
        RunReport.gather(report, List.of(Files.write(report.resolve("part-0-r2-0.jsonl"), List.of(line("a", "r2")))));

        assertThat(RunReport.latest(report)).contains(report.resolve("run-r2.jsonl"));
        assertThat(report.resolve("run-r1.jsonl")).exists();
    }

    @Test
    void aRunWithoutLinesChangesNothing() throws Exception {
        Path empty = Files.writeString(report.resolve("part-0-r3-0.jsonl"), "");

        assertThat(RunReport.gather(report, List.of(empty))).isEmpty();
        assertThat(empty).exists();
        assertThat(RunReport.latest(report)).isEmpty();
    }

    @Test
    void aLineWithoutAUsableRunIdIsRefusedAndThePartsStay() throws Exception {
        Path part = Files.write(report.resolve("part-0-x-0.jsonl"), List.of("{\"status\":\"ok\",\"run\":\"../x\"}"));

        assertThatThrownBy(() -> RunReport.gather(report, List.of(part)))
                .hasMessageContaining("no usable run id")
                .hasMessageContaining("../x");
        assertThat(part).exists();
    }
}
