package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.CommitStagedFiles;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.OrphanedTempFiles;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.commit.TemporaryNames;
import dev.imagerestore.operators.commit.WriterAttempt;
import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.report.ReportSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Writes each restored image (and its side file, the mask used, if any) before its report line: as a
 * hidden temporary file, forced to disk, and only then passes the image on, so that a file which
 * cannot be written (a full disk, a folder made read-only after {@link OutputPreflight} looked at it)
 * fails its own line instead of leaving an "ok" for a missing file. Such a file becomes a dead letter
 * (stage "sink") naming the file, the reason and the fix; its temporary files are deleted and the
 * run goes on. An image whose side file cannot be written is failed whole, neither file left.
 *
 * <p>When the file becomes visible depends on the run:
 * <ul>
 *   <li>{@link #immediately}: a bounded run has no checkpoint, so each file is renamed into place with
 *       {@link FileCommitter}'s rules as soon as it is on disk; a run killed midway keeps every file it
 *       finished and a rerun skips them ({@link ExistingOutputFilter}).
 *   <li>{@link #atCheckpoints}: a continuous run's temporary files are named with the first
 *       checkpoint that can commit them and go out on the {@link #STAGED} side output to
 *       {@link CommitStagedFiles}, which renames them once that checkpoint completes, together with
 *       the report lines of the same checkpoint (exactly once).
 * </ul>
 * In both, an output that appeared while the image was restored is kept, and the line says so
 * (unless overwriting); an output already holding the very bytes of the result counts as written: it
 * is this result, left by an earlier attempt that failed over (restorations are deterministic).
 *
 * <p>On start, each subtask deletes the temporary files of its earlier attempts that no restored
 * committable refers to (anywhere under the output root but the report's folder, see
 * {@link WriterAttempt#mustDelete}): in a bounded run all of them, in a continuous run those written
 * after the checkpoint it restores.
 */
public final class WriteRestoredFiles extends ProcessFunction<RestoredImage, RestoredImage>
        implements CheckpointedFunction {

    /** A continuous run's written files, for {@link CommitStagedFiles} to rename at their checkpoint. */
    public static final OutputTag<FileCommittable> STAGED =
            new OutputTag<>("staged-files", ImageTypes.FILE_COMMITTABLE);

    private static final long serialVersionUID = 2L;

    private final String outputRoot;
    private final boolean overwrite;
    private final boolean atCheckpoints;
    private transient Path root;
    private transient TemporaryNames names;

    private WriteRestoredFiles(Path outputRoot, boolean overwrite, boolean atCheckpoints) {
        this.outputRoot = Objects.requireNonNull(outputRoot, "outputRoot")
                .toAbsolutePath()
                .normalize()
                .toString();
        this.overwrite = overwrite;
        this.atCheckpoints = atCheckpoints;
    }

    /** A bounded run's writing: each file is renamed into place before its image is passed on. */
    public static WriteRestoredFiles immediately(Path outputRoot, boolean overwrite) {
        return new WriteRestoredFiles(outputRoot, overwrite, false);
    }

    /**
     * A continuous run's writing: each file is on disk under its temporary name before its image is
     * passed on, and goes out on {@link #STAGED}, to be renamed when its checkpoint completes.
     */
    public static WriteRestoredFiles atCheckpoints(Path outputRoot, boolean overwrite) {
        return new WriteRestoredFiles(outputRoot, overwrite, true);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws IOException {
        root = Path.of(outputRoot);
        WriterAttempt attempt = WriterAttempt.of(getRuntimeContext().getTaskInfo(), context.getRestoredCheckpointId());
        names = new TemporaryNames(attempt);
        OrphanedTempFiles.delete(root, Integer.MAX_VALUE, root.resolve(ReportSink.DIRECTORY), attempt);
    }

    /** Files written from now on are committed after checkpoint {@code context.getCheckpointId()}. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        names.checkpointTaken(context.getCheckpointId());
    }

    @Override
    public void processElement(RestoredImage image, Context ctx, Collector<RestoredImage> out) {
        List<FileCommittable> staged = new ArrayList<>(2);
        try {
            staged.add(stage(image.outputPath(), image.openStream()));
            if (image.sideFile().isPresent()) {
                staged.add(stage(
                        image.sideFile().get().outputPath(),
                        image.sideFile().get().openStream()));
            }
            List<FileCommittable> toCommit = new ArrayList<>(staged.size());
            for (int i = 0; i < staged.size(); i++) {
                FileCommittable file = staged.get(i);
                FileCommitter.Outcome outcome = atCheckpoints ? precheck(file) : commit(file);
                if (outcome == FileCommitter.Outcome.KEPT_EXISTING || outcome == FileCommitter.Outcome.LOST) {
                    deleteTemporaries(staged);
                    String reason =
                            reason(outcome, root.relativize(file.target()).toString());
                    ctx.output(
                            DeadLetter.OUTPUT_TAG,
                            letter(
                                    image,
                                    i == 0 || atCheckpoints
                                            ? reason
                                            : "the restored image " + image.outputPath()
                                                    + " was written but its side file was not: " + reason));
                    return;
                }
                if (outcome == FileCommitter.Outcome.COMMITTED) {
                    toCommit.add(file);
                }
            }
            if (atCheckpoints) {
                toCommit.forEach(file -> ctx.output(STAGED, file));
            }
        } catch (IOException e) {
            deleteTemporaries(staged);
            ctx.output(
                    DeadLetter.OUTPUT_TAG,
                    letter(
                            image,
                            "cannot write " + image.outputPath() + ": " + e
                                    + "; free space or fix the output folder's permissions and run again to restore this file"));
            return;
        }
        out.collect(image);
    }

    /**
     * Commits {@code file}; an output already there with the same bytes is this result (written by
     * an earlier attempt of this run that failed over, restorations being deterministic) and counts
     * as committed.
     */
    public static FileCommitter.Outcome commit(FileCommittable file) throws IOException {
        if (sameBytesThere(file)) {
            Files.delete(file.temporary());
            return FileCommitter.Outcome.ALREADY_COMMITTED;
        }
        return FileCommitter.commit(file);
    }

    /**
     * What committing {@code file} at its checkpoint would find now: {@code COMMITTED} when it is to
     * be renamed then, {@code ALREADY_COMMITTED} (its temporary file deleted) when the output holds
     * these bytes, {@code KEPT_EXISTING} when another file is in the way and overwriting is off.
     */
    public static FileCommitter.Outcome precheck(FileCommittable file) throws IOException {
        if (sameBytesThere(file)) {
            Files.delete(file.temporary());
            return FileCommitter.Outcome.ALREADY_COMMITTED;
        }
        if (!file.overwrite() && Files.exists(file.target(), LinkOption.NOFOLLOW_LINKS)) {
            return FileCommitter.Outcome.KEPT_EXISTING;
        }
        return FileCommitter.Outcome.COMMITTED;
    }

    private static boolean sameBytesThere(FileCommittable file) throws IOException {
        return !file.overwrite()
                && Files.isRegularFile(file.target(), LinkOption.NOFOLLOW_LINKS)
                && Files.mismatch(file.temporary(), file.target()) == -1;
    }

    /** Why the output {@code what} was not written, for an outcome that kept the existing file or lost the new one. */
    public static String reason(FileCommitter.Outcome outcome, String what) {
        return outcome == FileCommitter.Outcome.KEPT_EXISTING
                ? what
                        + " appeared while this run restored it; the existing file was kept (pass --overwrite to replace it)"
                : "the temporary file of " + what + " vanished before its rename; is another job writing into this "
                        + "output folder?";
    }

    private FileCommittable stage(String outputPath, InputStream bytes) throws IOException {
        Path target = RelativePaths.resolve(root, outputPath);
        FileCommittable file = new FileCommittable(names.temporaryFor(target), target, overwrite);
        try {
            Files.createDirectories(target.getParent());
            TempFiles.writeDurably(file.temporary(), bytes);
        } catch (IOException e) {
            TempFiles.deleteQuietly(file.temporary());
            throw e;
        }
        return file;
    }

    private static void deleteTemporaries(List<FileCommittable> staged) {
        staged.forEach(file -> TempFiles.deleteQuietly(file.temporary()));
    }

    private static DeadLetter letter(RestoredImage image, String reason) {
        return new DeadLetter(image.inputPath(), PipelineStage.SINK, reason, false, image.page());
    }
}
