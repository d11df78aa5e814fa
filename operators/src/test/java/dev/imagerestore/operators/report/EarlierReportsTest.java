package dev.imagerestore.operators.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierReportsTest {

    @TempDir
    Path out;

    @Test
    void theOkOutputsOfRunFilesAndOfPartsLeftByStoppedRunsAreKnownAndNothingElse() throws Exception {
        Path reports = Files.createDirectories(out.resolve(ReportSink.DIRECTORY));
        Files.writeString(reports.resolve("run-a.jsonl"), """
                {"status":"ok","input":"x.png","output":"x.png","run":"a"}
                {"status":"failed","input":"y.png","stage":"decode","reason":"truncated","run":"a"}

                {"status":"ok","input":"book.tif","page":2,"output":"book.page-002.tif","run":"a"}
                """);
        Files.writeString(reports.resolve("part-0-b-0.jsonl"), """
                {"status":"ok","input":"dir/z.jpg","output":"dir/z.jpg","run":"b"}
                not json at all
                {"status":"skipped","input":"w.png","stage":"sink","reason":"output w.png exists","run":"b"}
                """);
        Files.writeString(
                reports.resolve(".part-0-c-0.jsonl.s0-c1.inprogress.jsonl"),
                "{\"status\":\"ok\",\"input\":\"hidden.png\",\"output\":\"hidden.png\"}\n");
        Files.writeString(
                reports.resolve("summary.json"), "{\"status\":\"ok\",\"input\":\"s.png\",\"output\":\"s.png\"}");

        EarlierReports earlier = EarlierReports.read(reports);

        assertThat(earlier.okLines()).isEqualTo(3);
        assertThat(earlier.reportedOk("x.png")).isTrue();
        assertThat(earlier.reportedOk("book.page-002.tif")).isTrue();
        assertThat(earlier.reportedOk("dir/z.jpg")).isTrue();
        assertThat(earlier.reportedOk("y.png")).as("failed").isFalse();
        assertThat(earlier.reportedOk("w.png")).as("skipped").isFalse();
        assertThat(earlier.reportedOk("hidden.png")).as("an uncommitted part").isFalse();
        assertThat(earlier.reportedOk("s.png")).as("not a report file").isFalse();
    }

    @Test
    void aFolderWithoutReportsHasNone() throws Exception {
        assertThat(EarlierReports.read(out.resolve(ReportSink.DIRECTORY)).okLines())
                .isZero();
    }
}
