package dev.imagerestore.operators.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.sink.WriteRestoredFiles;
import dev.imagerestore.operators.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run's stitching ({@link AssembleTiles#atCheckpoints}) checkpointed part way through an
 * image, killed, and resumed from the checkpoint with the chunks that came after it replayed: the
 * output has exactly the pixels of an uninterrupted stitch, it is written before its line and
 * renamed only at its checkpoint, and no spool or temporary file outlives the checkpoint after it.
 */
class StitchingCheckpointTest {

    private static final SplitIntoTiles.Cutting CUTTING = new SplitIntoTiles.Cutting(48, 8, 8, 2);

    @TempDir
    Path in;

    @TempDir
    Path out;

    @TempDir
    Path reference;

    private final ImageEncoder encoder = ImageEncoder.builder().build();

    @Test
    void anImageResumedFromACheckpointMidStitchIsAsAnUninterruptedOne() throws Exception {
        BufferedImage source = TestImages.component(130, 171, false, true, 16, 17);
        byte[] bytes = TestImages.encode(source, "png");
        Path file = in.resolve("scan.png");
        Files.write(file, bytes);
        List<Either<TileChunk, DeadLetter>> chunks =
                restored(split(ImageFile.located("scan.png", bytes.length, 0, file)));
        assertThat(chunks).hasSizeGreaterThan(6);
        int atCheckpoint = chunks.size() / 2;

        OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> killed = stitching();
        killed.open();
        for (int i = 0; i < atCheckpoint; i++) {
            killed.processElement(chunks.get(i), i);
        }
        OperatorSubtaskState checkpoint1 = killed.snapshot(1, 1);
        for (int i = atCheckpoint; i < atCheckpoint + 2; i++) {
            killed.processElement(chunks.get(i), i);
        }
        assertThat(killed.extractOutputValues()).isEmpty();
        assertThat(hidden()).as("the spool of the finished bands").hasSize(1);
        // the task dies here: nothing is closed

        List<FileCommittable> staged;
        try (OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> resumed = stitching()) {
            resumed.setRestoredCheckpointId(1);
            resumed.initializeState(checkpoint1);
            resumed.open();
            assertThat(hidden())
                    .as("the spool the checkpoint counts on is kept")
                    .hasSize(1);
            for (int i = atCheckpoint; i < chunks.size(); i++) {
                resumed.processElement(chunks.get(i), i);
            }

            assertThat(resumed.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            line -> assertThat(line.status()).as(line.toJson()).isEqualTo("ok"));
            staged = resumed.getSideOutput(WriteRestoredFiles.STAGED).stream()
                    .map(StreamRecord::getValue)
                    .toList();
            assertThat(staged)
                    .singleElement()
                    .satisfies(f -> assertThat(f.target()).isEqualTo(out.resolve("scan.png")));
            assertThat(out.resolve("scan.png"))
                    .as("renamed only at its checkpoint")
                    .doesNotExist();

            resumed.snapshot(2, 2);
            assertThat(FileCommitter.commit(staged.get(0))).isEqualTo(FileCommitter.Outcome.COMMITTED);
            resumed.notifyOfCompletedCheckpoint(2);
            assertThat(hidden())
                    .as("the spool goes once a checkpoint after the image's end completes")
                    .isEmpty();
        }

        try (OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> whole =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new AssembleTiles(reference, encoder, false, "restore"))) {
            for (Either<TileChunk, DeadLetter> chunk : chunks) {
                whole.processElement(chunk, 0);
            }
        }
        DecodedImage resumed = decode(out.resolve("scan.png"));
        DecodedImage uninterrupted = decode(reference.resolve("scan.png"));
        assertThat(resumed.colour().toArray())
                .containsExactly(uninterrupted.colour().toArray());
        assertThat(TestImages.alphaLevels(resumed.alpha().orElseThrow()))
                .containsExactly(TestImages.alphaLevels(uninterrupted.alpha().orElseThrow()));
        assertThat(resumed.bitDepth()).isEqualTo(16);
    }

    @Test
    void aSpoolWhoseDeletionWaitedForALostNotificationGoesWhenTheJobIsRestoredFromThatCheckpoint() throws Exception {
        BufferedImage source = TestImages.component(90, 100, false, false, 8, 3);
        byte[] bytes = TestImages.encode(source, "png");
        Path file = in.resolve("b.png");
        Files.write(file, bytes);
        List<Either<TileChunk, DeadLetter>> chunks = restored(split(ImageFile.located("b.png", bytes.length, 0, file)));
        OperatorSubtaskState checkpoint1;
        OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> first = stitching();
        first.open();
        for (int i = 0; i < chunks.size(); i++) {
            first.processElement(chunks.get(i), i);
        }
        FileCommittable output =
                first.getSideOutput(WriteRestoredFiles.STAGED).poll().getValue();
        checkpoint1 = first.snapshot(1, 1);
        FileCommitter.commit(output);
        assertThat(hidden())
                .as("the spool waits for checkpoint 1's notification")
                .hasSize(1);
        // the notification is lost: the task dies here

        try (OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> restored = stitching()) {
            restored.setRestoredCheckpointId(1);
            restored.initializeState(checkpoint1);
            restored.open();
            assertThat(hidden()).isEmpty();
        }
        assertThat(out.resolve("b.png")).exists();
    }

    @Test
    void imagesKeyedToOtherSubtasksAreLeftToThemOnRestore() throws Exception {
        BufferedImage source = TestImages.component(100, 120, true, false, 8, 5);
        byte[] bytes = TestImages.encode(source, "png");
        Path file = in.resolve("a.png");
        Files.write(file, bytes);
        List<Either<TileChunk, DeadLetter>> chunks = restored(split(ImageFile.located("a.png", bytes.length, 0, file)));
        String key = AssembleTiles.key(chunks.get(0));
        OperatorSubtaskState checkpoint;
        try (OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> first = stitching()) {
            first.open();
            first.processElement(chunks.get(0), 0);
            checkpoint = first.snapshot(1, 1);
        }
        int owner = AssembleTiles.subtaskOf(key, 3);
        for (int subtask = 0; subtask < 3; subtask++) {
            try (OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> rescaled =
                    new OneInputStreamOperatorTestHarness<>(
                            new ProcessOperator<>(AssembleTiles.atCheckpoints(out, encoder, false, "restore")),
                            128,
                            3,
                            subtask)) {
                rescaled.setRestoredCheckpointId(1);
                rescaled.initializeState(checkpoint);
                rescaled.open();
                for (int i = 1; i < chunks.size(); i++) {
                    rescaled.processElement(chunks.get(i), i);
                }
                assertThat(rescaled.extractOutputValues())
                        .as("subtask %d of 3 (the image's is %d)", subtask, owner)
                        .hasSize(subtask == owner ? 1 : 0);
            }
        }
    }

    private OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> stitching() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(AssembleTiles.atCheckpoints(out, encoder, false, "restore")), 1, 1, 0);
    }

    private List<TileChunk> split(ImageFile file) throws Exception {
        try (OneInputStreamOperatorTestHarness<ImageFile, TileChunk> split =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new SplitIntoTiles(in, out, encoder, false, Long.MAX_VALUE, CUTTING))) {
            split.processElement(file, 0);
            return List.copyOf(split.extractOutputValues());
        }
    }

    /** Each chunk "restored" by a tone curve, in grid order. */
    private static List<Either<TileChunk, DeadLetter>> restored(List<TileChunk> chunks) {
        List<Either<TileChunk, DeadLetter>> out = new ArrayList<>();
        for (TileChunk chunk : chunks) {
            float[] samples = chunk.inputs().clone();
            for (int i = 0; i < samples.length; i++) {
                samples[i] = 0.9f * samples[i] + 0.03f + (chunk.index() % 3) * 0.01f;
            }
            out.add(Either.Left(chunk.withOutputs(samples)));
        }
        return out;
    }

    private static DecodedImage decode(Path file) throws IOException {
        return ImageDecoder.builder()
                .build()
                .decode(ImageFile.of(file.getFileName().toString(), 0, Files.readAllBytes(file)));
    }

    private List<Path> hidden() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("."))
                    .toList();
        }
    }
}
