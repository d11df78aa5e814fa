package dev.imagerestore.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's writer in Flink's own sink writer operator, checkpointed, killed and restored by the test harness. */
class RestoredFileSinkTest {

    @TempDir
    Path out;

    @Test
    void eachTemporaryFileNamesTheCheckpointFlinkHandsItOverAt() throws Exception {
        RestoredFileSink sink =
                RestoredFileSink.builder().setOutputDirectory(out).build();
        try (OneInputStreamOperatorTestHarness<RestoredImage, CommittableMessage<FileCommittable>> writer =
                harness(sink)) {
            writer.open();
            for (long checkpoint = 1; checkpoint <= 3; checkpoint++) {
                writer.processElement(image("f" + checkpoint + ".png"), checkpoint);
                writer.prepareSnapshotPreBarrier(checkpoint);
                writer.snapshot(checkpoint, checkpoint);
            }

            List<CommittableWithLineage<FileCommittable>> handedOver = committables(writer);
            assertThat(handedOver)
                    .hasSize(3)
                    .allSatisfy(c -> assertThat(
                                    TempFiles.originOf(c.getCommittable().temporary())
                                            .orElseThrow()
                                            .checkpointId())
                            .isEqualTo(c.getCheckpointId()));
        }
    }

    @Test
    void aKilledWritersFilesAfterTheRestoredCheckpointAreDeletedAndThoseOfItsCommittablesKept() throws Exception {
        RestoredFileSink sink =
                RestoredFileSink.builder().setOutputDirectory(out).build();
        OneInputStreamOperatorTestHarness<RestoredImage, CommittableMessage<FileCommittable>> killed = harness(sink);
        killed.open();
        killed.processElement(image("a.png"), 1);
        killed.prepareSnapshotPreBarrier(1);
        OperatorSubtaskState checkpoint1 = killed.snapshot(1, 1);
        killed.processElement(image("sub/b.png"), 2);
        killed.prepareSnapshotPreBarrier(2);
        killed.snapshot(2, 2); // checkpoint 2 never completes
        killed.processElement(image("sub/deeper/c.png"), 3);
        List<CommittableWithLineage<FileCommittable>> handedOver = committables(killed);
        assertThat(hiddenFiles()).hasSize(3);
        // the task dies here: the harness is never closed, so no writer close() deletes anything

        try (OneInputStreamOperatorTestHarness<RestoredImage, CommittableMessage<FileCommittable>> restored =
                harness(sink)) {
            restored.setRestoredCheckpointId(1);
            restored.initializeState(checkpoint1);
            restored.open();

            FileCommittable restoredCommittable = handedOver.get(0).getCommittable();
            assertThat(handedOver.get(0).getCheckpointId()).isEqualTo(1);
            assertThat(hiddenFiles()).containsExactly(restoredCommittable.temporary());
            FileCommitter.commit(restoredCommittable);
            assertThat(Files.readAllBytes(out.resolve("a.png")))
                    .containsExactly(image("a.png").encoded());
        }
        assertThat(hiddenFiles()).isEmpty();
    }

    private static OneInputStreamOperatorTestHarness<RestoredImage, CommittableMessage<FileCommittable>> harness(
            RestoredFileSink sink) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new SinkWriterOperatorFactory<RestoredImage, FileCommittable>(sink), 128, 1, 0);
    }

    @SuppressWarnings("unchecked")
    private static List<CommittableWithLineage<FileCommittable>> committables(
            OneInputStreamOperatorTestHarness<RestoredImage, CommittableMessage<FileCommittable>> harness) {
        return harness.extractOutputValues().stream()
                .filter(m -> m instanceof CommittableWithLineage)
                .map(m -> (CommittableWithLineage<FileCommittable>) m)
                .toList();
    }

    private static RestoredImage image(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        return new RestoredImage(
                path, path, OutputFormat.PNG, bytes, 1, 1, 8, "copy", OptionalDouble.empty(), Map.of());
    }

    private List<Path> hiddenFiles() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("."))
                    .toList();
        }
    }
}
