package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

    @Test
    void theLargestHeapAfterAMarkingIsReadFromTheUnifiedLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.004s][info][gc] Using G1
                [0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.101ms
                [3.020s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 900M->412M(1024M) 9.3ms
                [3.031s][info][gc] GC(2) Concurrent Mark Cycle
                [3.310s][info][gc] GC(2) Pause Remark 973M->231M(1024M) 17.3ms
                [7.500s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 1G->300M(2G) 120.2ms
                [9.100s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 700M->98M(2048M) 4.0ms
                """);
        Path young = dir.resolve("young.log");
        Files.writeString(
                young, "[0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.101ms\n");

        assertThat(GcLog.largestHeapAfterMarking(log))
                .as("the full collection's 300M")
                .isEqualTo(300L << 20);
        assertThat(GcLog.largestHeapAfterMarking(young))
                .as("no marking: any collection")
                .isEqualTo(3L << 20);
        assertThat(GcLog.largestHeapAfterMarking(dir.resolve("none.log"))).isZero();
    }
}
