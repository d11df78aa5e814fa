package dev.imagerestore.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.SideFile;
import dev.imagerestore.operators.commit.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteRestoredFilesTest {

    @TempDir
    Path out;

    @Test
    void eachFileIsOnDiskUnderItsNameBeforeItsImageIsPassedOnToBeReported() throws Exception {
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(false)) {
            RestoredImage one = image("a/one.png", new byte[] {1, 2});
            writing.processElement(one, 0);

            assertThat(Files.readAllBytes(out.resolve("a/one.png"))).containsExactly(1, 2);
            assertThat(writing.extractOutputValues()).containsExactly(one);
            assertThat(writing.getSideOutput(DeadLetter.OUTPUT_TAG)).isNull();
        }
        assertThat(files()).containsExactly("a/one.png");
    }

    @Test
    void aFileThatCannotBeWrittenFailsItsOwnLineAndTheNextIsStillWritten() throws Exception {
        Files.write(out.resolve("blocked"), new byte[] {9});
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(false)) {
            writing.processElement(image("blocked/a.png", new byte[] {1}), 0);
            writing.processElement(image("b.png", new byte[] {2}), 0);

            assertThat(writing.extractOutputValues())
                    .extracting(RestoredImage::outputPath)
                    .containsExactly("b.png");
            DeadLetter letter =
                    writing.getSideOutput(DeadLetter.OUTPUT_TAG).poll().getValue();
            assertThat(letter.file()).isEqualTo("blocked/a.png");
            assertThat(letter.stage()).isEqualTo(PipelineStage.SINK);
            assertThat(letter.skipped()).isFalse();
            assertThat(letter.reason())
                    .startsWith("cannot write blocked/a.png: ")
                    .endsWith("; free space or fix the output folder's permissions and run again to restore this file");
        }
        assertThat(files()).containsExactly("b.png", "blocked");
    }

    @Test
    void anImageWhoseMaskCannotBeWrittenLeavesNeitherFile() throws Exception {
        Files.write(out.resolve("blocked"), new byte[] {9});
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(false)) {
            writing.processElement(
                    image("one.png", new byte[] {1}).withSideFile(new SideFile("blocked/one.mask.png", new byte[] {2})),
                    0);
            writing.processElement(
                    image("two.png", new byte[] {3}).withSideFile(new SideFile("two.mask.png", new byte[] {4})), 0);

            assertThat(writing.extractOutputValues())
                    .extracting(RestoredImage::outputPath)
                    .containsExactly("two.png");
            assertThat(writing.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::file)
                    .containsExactly("one.png");
        }
        assertThat(files()).containsExactly("blocked", "two.mask.png", "two.png");
    }

    @Test
    void anOutputThatAppearedDuringTheRunIsKeptAndTheLineSaysSoUnlessOverwriting() throws Exception {
        Files.write(out.resolve("kept.png"), new byte[] {7});
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(false)) {
            writing.processElement(image("kept.png", new byte[] {1}), 0);

            assertThat(writing.extractOutputValues()).isEmpty();
            assertThat(writing.getSideOutput(DeadLetter.OUTPUT_TAG)
                            .poll()
                            .getValue()
                            .reason())
                    .isEqualTo("kept.png appeared while this run restored it; the existing file was kept (pass "
                            + "--overwrite to replace it)");
        }
        assertThat(Files.readAllBytes(out.resolve("kept.png"))).containsExactly(7);

        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(true)) {
            writing.processElement(image("kept.png", new byte[] {1}), 0);
            assertThat(writing.extractOutputValues()).hasSize(1);
        }
        assertThat(Files.readAllBytes(out.resolve("kept.png"))).containsExactly(1);
        assertThat(files()).containsExactly("kept.png");
    }

    @Test
    void anOutputHoldingTheVeryBytesOfTheResultCountsAsWrittenAsAfterAFailover() throws Exception {
        Files.write(out.resolve("same.png"), new byte[] {4, 5});
        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(false)) {
            writing.processElement(image("same.png", new byte[] {4, 5}), 0);

            assertThat(writing.extractOutputValues())
                    .extracting(RestoredImage::outputPath)
                    .containsExactly("same.png");
            assertThat(writing.getSideOutput(DeadLetter.OUTPUT_TAG)).isNull();
        }
        assertThat(files()).containsExactly("same.png");
    }

    @Test
    void aStartingSubtaskDeletesTheTemporaryFilesOfItsEarlierAttemptsButNotTheReports() throws Exception {
        Path leftover = TempFiles.temporaryFor(
                Files.createDirectories(out.resolve("x")).resolve("a.png"), new TempFiles.Origin(0, 1));
        Files.write(leftover, new byte[] {1});
        Path report = TempFiles.temporaryFor(
                Files.createDirectories(out.resolve("_report")).resolve("part.jsonl"), new TempFiles.Origin(0, 1));
        Files.write(report, new byte[] {2});

        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> writing = harness(false)) {
            assertThat(leftover).doesNotExist();
            assertThat(report).exists();
        }
    }

    private OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> harness(boolean overwrite)
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(WriteRestoredFiles.immediately(out, overwrite));
    }

    /** Every file and folder entry under the output, relative, sorted; hidden temporary files included. */
    private List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> !p.equals(out) && (Files.isRegularFile(p) || Files.isDirectory(p)))
                    .filter(p -> Files.isRegularFile(p) || isEmptyDirectory(p))
                    .map(p -> out.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private static boolean isEmptyDirectory(Path p) {
        try (Stream<Path> entries = Files.list(p)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static RestoredImage image(String path, byte[] bytes) {
        return new RestoredImage(
                path, path, OutputFormat.PNG, bytes, 1, 1, 8, "copy", OptionalDouble.empty(), Map.of());
    }
}
