package dev.imagerestore.operators.tiles;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.OrphanedTempFiles;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.commit.WriterAttempt;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.report.ReportSink;
import dev.imagerestore.operators.sink.WriteRestoredFiles;
import dev.imagerestore.operators.tiles.internal.ImageAssembly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * The end of an image's way as tiles: takes its restored {@link TileChunk}s (all chunks of one image
 * come to one subtask, partitioned by {@link #IMAGE_KEY}), stitches them band by band in bounded
 * memory ({@link ImageAssembly}), and when the last one is in writes the output to a temporary file
 * beside it, renames it into place, and emits the image's report line. A failure of any chunk
 * (the device, or reading the file part way, as a dead letter) fails the image once: its line says
 * why, what was stitched is deleted, and later chunks of it are dropped.
 *
 * <p>A bounded run commits each output as soon as it is written, as {@link WriteRestoredFiles} does;
 * its temporary files carry this subtask's index, and the ones an earlier attempt left are deleted
 * when it opens. In batch execution this stage runs after the device stage's input ended, so it never
 * overlaps a whole-image writer with the same index.
 *
 * <p>The report line's timings are this stage's own: {@code stitch} (from the image's first chunk
 * to its last band) and {@code encode}; the device's time per chunk is in the device stage's
 * metrics, since the chunks of one image ran on several subtasks.
 *
 * <p>Metrics: {@code tilesDone} and {@code tilesTotal}, the tiles of the images being stitched.
 */
public final class AssembleTiles extends ProcessFunction<Either<TileChunk, DeadLetter>, ReportLine> {

    private static final long serialVersionUID = 1L;

    /** One image's chunks and failures go to one subtask: keyed by file and page. */
    public static final KeySelector<Either<TileChunk, DeadLetter>, String> IMAGE_KEY = AssembleTiles::key;

    private final String outputRoot;
    private final ImageEncoder encoder;
    private final boolean overwrite;
    private final String task;
    private transient Path root;
    private transient TempFiles.Origin origin;
    private transient Map<String, ImageAssembly> assemblies;
    private transient Set<String> failed;
    private transient long tilesDoneBefore;

    /** Writes into {@code outputRoot} with {@code encoder}; {@code task} names what ran, in the report and provenance. */
    public AssembleTiles(Path outputRoot, ImageEncoder encoder, boolean overwrite, String task) {
        this.outputRoot = outputRoot.toAbsolutePath().normalize().toString();
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.overwrite = overwrite;
        this.task = Objects.requireNonNull(task, "task");
    }

    static String key(Either<TileChunk, DeadLetter> record) {
        if (record.isLeft()) {
            TiledImage image = record.left().image();
            return image.relativePath() + '\0' + image.reportPage();
        }
        return record.right().file() + '\0' + record.right().page();
    }

    @Override
    public void open(OpenContext context) throws IOException {
        root = Path.of(outputRoot);
        var info = getRuntimeContext().getTaskInfo();
        WriterAttempt attempt = new WriterAttempt(
                info.getIndexOfThisSubtask(), info.getNumberOfParallelSubtasks(), WriterAttempt.NO_CHECKPOINT);
        origin = new TempFiles.Origin(attempt.subtask(), attempt.firstCheckpointId());
        OrphanedTempFiles.delete(root, Integer.MAX_VALUE, root.resolve(ReportSink.DIRECTORY), attempt);
        assemblies = new LinkedHashMap<>();
        failed = new HashSet<>();
        getRuntimeContext().getMetricGroup().gauge("tilesDone", this::tilesDone);
        getRuntimeContext().getMetricGroup().gauge("tilesTotal", this::tilesTotal);
    }

    private long tilesDone() {
        return tilesDoneBefore
                + assemblies.values().stream()
                        .mapToLong(ImageAssembly::tilesDone)
                        .sum();
    }

    private long tilesTotal() {
        return tilesDoneBefore
                + assemblies.values().stream()
                        .mapToLong(ImageAssembly::tilesTotal)
                        .sum();
    }

    @Override
    public void processElement(Either<TileChunk, DeadLetter> record, Context ctx, Collector<ReportLine> out) {
        String key = key(record);
        if (failed.contains(key)) {
            return;
        }
        if (record.isRight()) {
            fail(key, record.right(), out);
            return;
        }
        TileChunk chunk = record.left();
        TiledImage image = chunk.image();
        Path target = RelativePaths.resolve(root, image.outputPath());
        ImageAssembly assembly = assemblies.computeIfAbsent(
                key, k -> new ImageAssembly(image, () -> TempFiles.temporaryFor(target, origin)));
        try {
            assembly.add(chunk);
            if (assembly.complete()) {
                finish(key, assembly, target, out);
            }
        } catch (ImageDecodeException e) {
            fail(
                    key,
                    DeadLetter.of(image.relativePath(), PipelineStage.DECODE, e).onPage(image.reportPage()),
                    out);
        } catch (IOException | RuntimeException e) {
            fail(key, writeFailure(image, e), out);
        }
    }

    private void finish(String key, ImageAssembly assembly, Path target, Collector<ReportLine> out)
            throws IOException, ImageDecodeException {
        TiledImage image = assembly.image();
        Path temporary = TempFiles.temporaryFor(target, origin);
        try {
            Files.createDirectories(target.getParent());
            long encodeStart = System.nanoTime();
            assembly.encode(encoder, task, temporary);
            long encodeMillis = (System.nanoTime() - encodeStart) / 1_000_000;
            FileCommitter.Outcome outcome =
                    WriteRestoredFiles.commit(new FileCommittable(temporary, target, overwrite));
            if (outcome == FileCommitter.Outcome.KEPT_EXISTING || outcome == FileCommitter.Outcome.LOST) {
                fail(
                        key,
                        new DeadLetter(
                                image.relativePath(),
                                PipelineStage.SINK,
                                WriteRestoredFiles.reason(outcome, image.outputPath()),
                                false,
                                image.reportPage()),
                        out);
                return;
            }
            Map<String, Long> timings = new LinkedHashMap<>();
            timings.put("stitch", assembly.elapsedMillis() - encodeMillis);
            timings.put("encode", encodeMillis);
            out.collect(ReportLine.restored(new RestoredImage(
                            image.relativePath(),
                            image.outputPath(),
                            image.format(),
                            new byte[0],
                            image.width(),
                            image.height(),
                            image.format().writtenBitDepth(image.bitDepth()),
                            task + " tiles=" + assembly.tilesTotal(),
                            image.noise(),
                            timings)
                    .withPage(image.reportPage())
                    .withRestorationMeasures(OptionalDouble.of(assembly.rmsChange()), OptionalDouble.empty())));
            tilesDoneBefore += assembly.tilesTotal();
            close(key);
        } finally {
            TempFiles.deleteQuietly(temporary);
        }
    }

    private static DeadLetter writeFailure(TiledImage image, Exception e) {
        return new DeadLetter(
                image.relativePath(),
                PipelineStage.SINK,
                "cannot write " + image.outputPath() + ": " + e
                        + "; free space or fix the output folder's permissions and run again to restore this file",
                false,
                image.reportPage());
    }

    private void fail(String key, DeadLetter letter, Collector<ReportLine> out) {
        failed.add(key);
        close(key);
        out.collect(ReportLine.failed(letter));
    }

    private void close(String key) {
        ImageAssembly assembly = assemblies.remove(key);
        if (assembly != null) {
            try {
                assembly.close();
            } catch (IOException e) {
                // the spool is a temporary file of this subtask: the next run's cleanup deletes it
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (assemblies != null) {
            for (String key : new HashMap<>(assemblies).keySet()) {
                close(key);
            }
        }
    }
}
