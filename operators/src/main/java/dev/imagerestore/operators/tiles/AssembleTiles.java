package dev.imagerestore.operators.tiles;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.OrphanedTempFiles;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.commit.TemporaryNames;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>A continuous run ({@link #atCheckpoints}) writes the output before the image's line too, under a
 * temporary name tagged with the next checkpoint, and hands it on {@link WriteRestoredFiles#STAGED}
 * to be renamed when that checkpoint completes. Its checkpoints keep every image being stitched
 * ({@link ImageAssembly#snapshot()}: the bands finished, whose rows the spool holds, and the tiles
 * still needed) in union list state, so that after a failure, or at another parallelism, the
 * subtask that now receives an image's chunks ({@link #subtaskOf}) resumes it from that state and the
 * replayed chunks; a spool is deleted once a checkpoint taken after its image ended completes (or,
 * should that notification be lost to a failure, when the job is restored from such a checkpoint).
 *
 * <p>The report line's timings are this stage's own: {@code stitch} (from the image's first chunk
 * to its last band) and {@code encode}; the device's time per chunk is in the device stage's
 * metrics, since the chunks of one image ran on several subtasks.
 *
 * <p>Metrics: {@code tilesDone} and {@code tilesTotal}, the tiles of the images being stitched.
 */
public final class AssembleTiles extends ProcessFunction<Either<TileChunk, DeadLetter>, ReportLine>
        implements CheckpointedFunction, CheckpointListener {

    private static final long serialVersionUID = 2L;
    private static final Logger LOG = LoggerFactory.getLogger(AssembleTiles.class);

    /** One image's chunks and failures go to one subtask: keyed by file and page. */
    public static final KeySelector<Either<TileChunk, DeadLetter>, String> IMAGE_KEY = AssembleTiles::key;

    private final String outputRoot;
    private final ImageEncoder encoder;
    private final boolean overwrite;
    private final String task;
    private final boolean atCheckpoints;
    private transient Path root;
    private transient TemporaryNames names;
    private transient Map<String, ImageAssembly> assemblies;
    private transient Set<String> failed;
    private transient long tilesDoneBefore;
    private transient ListState<byte[]> assemblyState;
    private transient ListState<String> failedState;
    private transient ListState<String> endedSpoolState;
    private transient List<Path> endedSpools;
    private transient NavigableMap<Long, List<Path>> spoolsToDelete;

    /** Writes into {@code outputRoot} with {@code encoder}; {@code task} names what ran, in the report and provenance. */
    public AssembleTiles(Path outputRoot, ImageEncoder encoder, boolean overwrite, String task) {
        this(outputRoot, encoder, overwrite, task, false);
    }

    private AssembleTiles(
            Path outputRoot, ImageEncoder encoder, boolean overwrite, String task, boolean atCheckpoints) {
        this.outputRoot = outputRoot.toAbsolutePath().normalize().toString();
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.overwrite = overwrite;
        this.task = Objects.requireNonNull(task, "task");
        this.atCheckpoints = atCheckpoints;
    }

    /**
     * A continuous run's stage: each output is written before its line and goes out on
     * {@link WriteRestoredFiles#STAGED}, to be renamed when its checkpoint completes.
     */
    public static AssembleTiles atCheckpoints(Path outputRoot, ImageEncoder encoder, boolean overwrite, String task) {
        return new AssembleTiles(outputRoot, encoder, overwrite, task, true);
    }

    /** The subtask that stitches the image of {@code key} ({@link #IMAGE_KEY}) at {@code parallelism}. */
    public static int subtaskOf(String key, int parallelism) {
        return Math.floorMod(key.hashCode(), parallelism);
    }

    static String key(Either<TileChunk, DeadLetter> record) {
        if (record.isLeft()) {
            return key(record.left().image());
        }
        return record.right().file() + '\0' + record.right().page();
    }

    private static String key(TiledImage image) {
        return image.relativePath() + '\0' + image.reportPage();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        root = Path.of(outputRoot);
        WriterAttempt attempt = WriterAttempt.of(getRuntimeContext().getTaskInfo(), context.getRestoredCheckpointId());
        names = new TemporaryNames(attempt);
        OrphanedTempFiles.delete(root, Integer.MAX_VALUE, root.resolve(ReportSink.DIRECTORY), attempt);
        assemblies = new LinkedHashMap<>();
        failed = new HashSet<>();
        endedSpools = new ArrayList<>();
        spoolsToDelete = new TreeMap<>();
        assemblyState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(
                        "images-being-stitched", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        failedState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("failed-images", BasicTypeInfo.STRING_TYPE_INFO));
        endedSpoolState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("spools-of-ended-images", BasicTypeInfo.STRING_TYPE_INFO));
        // images that ended before the restored checkpoint: no restore will need their spools again
        for (String spool : endedSpoolState.get()) {
            TempFiles.deleteQuietly(Path.of(spool));
        }
        endedSpoolState.clear();
        int parallelism = attempt.parallelism();
        for (byte[] snapshot : assemblyState.get()) {
            ImageAssembly assembly = ImageAssembly.restore(
                    snapshot, image -> names.temporaryFor(RelativePaths.resolve(root, image.outputPath())));
            String key = key(assembly.image());
            if (subtaskOf(key, parallelism) == attempt.subtask()) {
                assemblies.put(key, assembly);
            }
        }
        for (String key : failedState.get()) {
            if (subtaskOf(key, parallelism) == attempt.subtask()) {
                failed.add(key);
            }
        }
        if (!assemblies.isEmpty()) {
            LOG.info(
                    "resuming {} image(s) being stitched from checkpoint {}: {}",
                    assemblies.size(),
                    attempt.restoredCheckpointId(),
                    assemblies.values().stream().map(a -> a.image().pagePath()).toList());
        }
    }

    /** Keeps every image being stitched, after forcing its spool to disk, and the images that failed. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<byte[]> snapshots = new ArrayList<>(assemblies.size());
        for (ImageAssembly assembly : assemblies.values()) {
            snapshots.add(assembly.snapshot());
        }
        assemblyState.update(snapshots);
        failedState.update(new ArrayList<>(failed));
        if (!endedSpools.isEmpty()) {
            spoolsToDelete.put(context.getCheckpointId(), endedSpools);
            endedSpools = new ArrayList<>();
        }
        List<String> toDelete = new ArrayList<>();
        spoolsToDelete.values().forEach(spools -> spools.forEach(spool -> toDelete.add(spool.toString())));
        endedSpoolState.update(toDelete);
        names.checkpointTaken(context.getCheckpointId());
    }

    /** Deletes the spools of images that ended before a completed checkpoint: no restore needs them now. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, List<Path>> done = spoolsToDelete.headMap(checkpointId, true);
        done.values().forEach(spools -> spools.forEach(TempFiles::deleteQuietly));
        done.clear();
    }

    @Override
    public void open(OpenContext context) {
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
        ImageAssembly assembly =
                assemblies.computeIfAbsent(key, k -> new ImageAssembly(image, () -> names.temporaryFor(target)));
        try {
            assembly.add(chunk);
            if (assembly.complete()) {
                finish(key, assembly, target, ctx, out);
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

    private void finish(String key, ImageAssembly assembly, Path target, Context ctx, Collector<ReportLine> out)
            throws IOException, ImageDecodeException {
        TiledImage image = assembly.image();
        Path temporary = names.temporaryFor(target);
        boolean staged = false;
        try {
            Files.createDirectories(target.getParent());
            long encodeStart = System.nanoTime();
            assembly.encode(encoder, task, temporary);
            long encodeMillis = (System.nanoTime() - encodeStart) / 1_000_000;
            FileCommittable file = new FileCommittable(temporary, target, overwrite);
            FileCommitter.Outcome outcome =
                    atCheckpoints ? WriteRestoredFiles.precheck(file) : WriteRestoredFiles.commit(file);
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
            if (atCheckpoints && outcome == FileCommitter.Outcome.COMMITTED) {
                ctx.output(WriteRestoredFiles.STAGED, file);
                staged = true;
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
            if (!staged) {
                TempFiles.deleteQuietly(temporary);
            }
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

    /**
     * Ends the assembly of {@code key}. A bounded run deletes its spool now; a continuous one once a
     * checkpoint taken after this completes, since a restore from an earlier one resumes the image
     * from that spool.
     */
    private void close(String key) {
        ImageAssembly assembly = assemblies.remove(key);
        if (assembly != null) {
            try {
                if (atCheckpoints) {
                    assembly.release().ifPresent(endedSpools::add);
                } else {
                    assembly.close();
                }
            } catch (IOException e) {
                // the spool is a temporary file of this subtask: the next run's cleanup deletes it
            }
        }
    }

    /**
     * Closes the images being stitched. A continuous run keeps their spools, which its last
     * checkpoint may resume them from; a fresh start deletes what no checkpoint needs.
     */
    @Override
    public void close() throws Exception {
        if (assemblies != null) {
            for (String key : new HashMap<>(assemblies).keySet()) {
                close(key);
            }
        }
    }
}
