package dev.imagerestore.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.SideFile;
import dev.imagerestore.operators.commit.CommitStagedFiles;
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
import java.util.Queue;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run's writing: {@link WriteRestoredFiles#atCheckpoints} writes before the report
 * line and {@link CommitStagedFiles} renames at the checkpoint, each in Flink's own operator,
 * checkpointed, killed and restored by the test harness.
 */
class StagedFilesCommitTest {

    @TempDir
    Path out;

    @Test
    void eachFileIsOnDiskBeforeItsLineAndNamesTheCheckpointThatCommitsIt() throws Exception {
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = writing(false)) {
            writing.open();
            for (long checkpoint = 1; checkpoint <= 3; checkpoint++) {
                writing.processElement(image("d/f" + checkpoint + ".png"), checkpoint);
                writing.snapshot(checkpoint, checkpoint);
            }

            assertThat(writing.extractOutputValues()).hasSize(3);
            assertThat(staged(writing))
                    .map(file -> TempFiles.originOf(file.temporary()).orElseThrow())
                    .containsExactly(
                            new TempFiles.Origin(0, 1), new TempFiles.Origin(0, 2), new TempFiles.Origin(0, 3));
            assertThat(staged(writing))
                    .allSatisfy(file -> assertThat(file.temporary())
                            .hasBinaryContent(
                                    image(out.relativize(file.target()).toString())
                                            .encoded()));
            assertThat(visibleFiles())
                    .as("nothing is visible before its checkpoint completes")
                    .isEmpty();
        }
    }

    @Test
    void aFileThatCannotBeWrittenFailsItsOwnLineAndIsNotCommitted() throws Exception {
        Files.write(out.resolve("blocked"), new byte[] {9});
        Files.write(out.resolve("taken.png"), new byte[] {7});
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = writing(false)) {
            writing.open();
            writing.processElement(image("blocked/a.png"), 1);
            writing.processElement(image("taken.png"), 1);
            writing.processElement(image("b.png").withSideFile(new SideFile("blocked/b.mask.png", new byte[] {1})), 1);
            writing.processElement(image("c.png"), 1);

            assertThat(writing.extractOutputValues())
                    .extracting(RestoredImage::outputPath)
                    .containsExactly("c.png");
            assertThat(staged(writing)).extracting(FileCommittable::target).containsExactly(out.resolve("c.png"));
            assertThat(writing.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .allSatisfy(letter -> assertThat(letter.stage()).isEqualTo(PipelineStage.SINK))
                    .extracting(letter -> letter.file() + ": " + letter.reason())
                    .satisfiesExactly(
                            a -> assertThat(a).startsWith("blocked/a.png: cannot write blocked/a.png: "),
                            taken -> assertThat(taken)
                                    .isEqualTo("taken.png: taken.png appeared while this run restored it; the "
                                            + "existing file was kept (pass --overwrite to replace it)"),
                            b -> assertThat(b).startsWith("b.png: cannot write b.png: "));
        }
        assertThat(hiddenFiles()).as("only c.png's file waits for its commit").hasSize(1);
        assertThat(Files.readAllBytes(out.resolve("taken.png"))).containsExactly(7);
    }

    @Test
    void aRestoredSubtaskDeletesTheFilesWrittenAfterItsCheckpointAndTheCommitterRenamesTheOthers() throws Exception {
        OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> killed = writing(false);
        killed.open();
        killed.processElement(image("a.png"), 1);
        OperatorSubtaskState checkpoint1 = killed.snapshot(1, 1);
        killed.processElement(image("sub/b.png"), 2);
        killed.snapshot(2, 2); // checkpoint 2 never completes
        killed.processElement(image("sub/deeper/c.png"), 3);
        FileCommittable inCheckpoint1 = staged(killed).get(0);
        assertThat(hiddenFiles()).hasSize(3);
        // the task dies here: nothing is closed

        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> restored = writing(false)) {
            restored.setRestoredCheckpointId(1);
            restored.initializeState(checkpoint1);
            restored.open();

            assertThat(hiddenFiles()).containsExactly(inCheckpoint1.temporary());
            assertThat(FileCommitter.commit(inCheckpoint1)).isEqualTo(FileCommitter.Outcome.COMMITTED);
        }
        assertThat(visibleFiles()).containsExactly(out.resolve("a.png"));
        assertThat(out.resolve("a.png")).hasBinaryContent(image("a.png").encoded());
    }

    @Test
    void theCommitSinkHandsEachStagedFileOverAtTheNextCheckpointAndDeletesTheRestWhenClosed() throws Exception {
        List<FileCommittable> files;
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = writing(false)) {
            writing.open();
            writing.processElement(image("a.png"), 1);
            writing.processElement(image("b.png"), 1);
            writing.snapshot(1, 1);
            writing.processElement(image("c.png"), 2);
            files = staged(writing);
        }
        try (OneInputStreamOperatorTestHarness<FileCommittable, CommittableMessage<FileCommittable>> handOver =
                new OneInputStreamOperatorTestHarness<>(
                        new SinkWriterOperatorFactory<FileCommittable, FileCommittable>(new CommitStagedFiles()),
                        128,
                        1,
                        0)) {
            handOver.open();
            handOver.processElement(files.get(0), 1);
            handOver.processElement(files.get(1), 1);
            handOver.prepareSnapshotPreBarrier(1);
            handOver.snapshot(1, 1);
            handOver.processElement(files.get(2), 2);

            assertThat(committables(handOver))
                    .allSatisfy(c -> assertThat(c.getCheckpointId()).isEqualTo(1))
                    .extracting(CommittableWithLineage::getCommittable)
                    .containsExactly(files.get(0), files.get(1));
        }
        assertThat(hiddenFiles())
                .as("c.png's file was never handed over, so closing deleted it")
                .containsExactlyInAnyOrder(
                        files.get(0).temporary(), files.get(1).temporary());
    }

    private OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing(boolean overwrite)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(WriteRestoredFiles.atCheckpoints(out, overwrite)), 1, 1, 0);
    }

    private static List<FileCommittable> staged(OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> h) {
        Queue<StreamRecord<FileCommittable>> records = h.getSideOutput(WriteRestoredFiles.STAGED);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<CommittableWithLineage<FileCommittable>> committables(
            OneInputStreamOperatorTestHarness<FileCommittable, CommittableMessage<FileCommittable>> harness) {
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

    private List<Path> visibleFiles() throws IOException {
        return files(false);
    }

    private List<Path> hiddenFiles() throws IOException {
        return files(true);
    }

    private List<Path> files(boolean hidden) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(".") == hidden)
                    .filter(p -> hidden || !p.getFileName().toString().equals("blocked"))
                    .filter(p -> hidden || !p.getFileName().toString().equals("taken.png"))
                    .sorted()
                    .toList();
        }
    }
}
