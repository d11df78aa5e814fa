package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.OrphanedTempFiles;
import dev.imagerestore.operators.commit.TempFiles;
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
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The file writing of a bounded run, done before its report line: each restored image (and its side
 * file, the mask used, if any) is written as a hidden temporary file, forced to disk and renamed into
 * place with {@link FileCommitter}'s rules, and only then passed on, so its "ok" line means the file
 * is there. A file that cannot be written (a full disk, a folder made read-only after
 * {@link OutputPreflight} looked at it) or whose output appeared meanwhile becomes a dead letter
 * (stage "sink") naming the file and the reason; its temporary files are deleted and the run goes
 * on. An output already there with the very bytes of the result counts as written: it is this
 * result, left by an earlier attempt of the run that failed over. An image whose side file (the mask used) cannot be written is failed whole, neither file left;
 * should the side file's name be taken between the image's rename and its own, the line says the
 * image was written and why its side file was not.
 *
 * <p>A bounded run has no checkpoint, so each file is committed as soon as it is on disk, and a run
 * killed midway keeps every file it finished; a rerun skips them ({@link ExistingOutputFilter}). On
 * start, each subtask deletes the temporary files its index left in earlier attempts (anywhere under
 * the output root but the report's folder), as {@link RestoredFileSink}'s writer does. Continuous
 * runs write through {@link RestoredFileSink}, whose commits wait for checkpoints.
 */
public final class WriteRestoredFiles extends ProcessFunction<RestoredImage, RestoredImage> {

    private static final long serialVersionUID = 1L;

    private final String outputRoot;
    private final boolean overwrite;
    private transient Path root;
    private transient TempFiles.Origin origin;

    public WriteRestoredFiles(Path outputRoot, boolean overwrite) {
        this.outputRoot = Objects.requireNonNull(outputRoot, "outputRoot")
                .toAbsolutePath()
                .normalize()
                .toString();
        this.overwrite = overwrite;
    }

    @Override
    public void open(OpenContext context) throws IOException {
        root = Path.of(outputRoot);
        var task = getRuntimeContext().getTaskInfo();
        WriterAttempt attempt = new WriterAttempt(
                task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks(), WriterAttempt.NO_CHECKPOINT);
        origin = new TempFiles.Origin(attempt.subtask(), attempt.firstCheckpointId());
        OrphanedTempFiles.delete(root, Integer.MAX_VALUE, root.resolve(ReportSink.DIRECTORY), attempt);
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
            for (int i = 0; i < staged.size(); i++) {
                FileCommittable file = staged.get(i);
                FileCommitter.Outcome outcome = commit(file);
                if (outcome == FileCommitter.Outcome.KEPT_EXISTING || outcome == FileCommitter.Outcome.LOST) {
                    deleteTemporaries(staged);
                    String reason =
                            reason(outcome, root.relativize(file.target()).toString());
                    ctx.output(
                            DeadLetter.OUTPUT_TAG,
                            letter(
                                    image,
                                    i == 0
                                            ? reason
                                            : "the restored image " + image.outputPath()
                                                    + " was written but its side file was not: " + reason));
                    return;
                }
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
        if (!file.overwrite()
                && Files.isRegularFile(file.target(), LinkOption.NOFOLLOW_LINKS)
                && Files.mismatch(file.temporary(), file.target()) == -1) {
            Files.delete(file.temporary());
            return FileCommitter.Outcome.ALREADY_COMMITTED;
        }
        return FileCommitter.commit(file);
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
        FileCommittable file = new FileCommittable(TempFiles.temporaryFor(target, origin), target, overwrite);
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
