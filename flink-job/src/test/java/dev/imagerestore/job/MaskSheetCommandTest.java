package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskSheetCommandTest {

    @TempDir
    Path work;

    @Test
    void aFolderWithoutARunReportIsAUsageErrorThatSaysWhatToRunFirst() throws Exception {
        Path output = Files.createDirectories(work.resolve("out"));

        CliRun run = CliRun.of(
                "mask-sheet",
                "--input",
                work.toString(),
                "--output",
                output.toString(),
                "--sheet",
                work.resolve("s.png").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("no run report in", "run restore --save-masks into --output first")
                .doesNotContain("Exception");
        assertThat(work.resolve("s.png")).doesNotExist();
    }

    @Test
    void theLatestRunsMasksAreDrawn() throws Exception {
        Path output = Files.createDirectories(work.resolve("out/_report"));
        Files.writeString(
                output.resolve("run-1.jsonl"),
                "{\"status\":\"ok\",\"input\":\"a.png\",\"output\":\"a.png\","
                        + "\"maskedFraction\":0.0,\"maskOutput\":\"a.mask.png\",\"run\":\"1\"}\n");
        Files.writeString(output.resolve("latest"), "run-1.jsonl");

        CliRun run = CliRun.of(
                "mask-sheet",
                "--input",
                work.toString(),
                "--output",
                work.resolve("out").toString(),
                "--sheet",
                work.resolve("s.png").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 image(s) with a mask");
        assertThat(work.resolve("s.png")).isNotEmptyFile();
    }
}
