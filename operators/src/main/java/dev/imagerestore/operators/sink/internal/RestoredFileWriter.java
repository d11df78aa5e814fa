package dev.imagerestore.operators.sink.internal;

import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.OrphanedTempFiles;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.commit.TwoPhaseFileWriter;
import dev.imagerestore.operators.commit.WriterAttempt;
import dev.imagerestore.operators.files.RelativePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First phase of {@link dev.imagerestore.operators.sink.RestoredFileSink}: each image (then its
 * side file, if it has one) is written, and forced to disk, as a hidden temporary file in its target directory; the committables are
 * handed to Flink at the next checkpoint or at the end of input ({@link #prepareCommit()}), and
 * {@link FileCommitter} renames them once the checkpoint is complete.
 *
 * <p>A new writer first deletes the temporary files of its earlier attempts that no restored
 * committable refers to, anywhere under the output root except the skipped directory (the run
 * report's, whose writer cleans it), see {@link OrphanedTempFiles}. On {@link #close()}, temporary
 * files not yet handed over are deleted. So a killed writer's files are removed when its subtask
 * starts again, and a cancelled job leaves at most the files of a checkpoint that never completed,
 * which the next run restored from an earlier checkpoint deletes.
 *
 * <p>A file that cannot be written (its folder became read-only, the disk is full) is logged and
 * dropped, and the run goes on: one file never stops the job. {@link
 * dev.imagerestore.operators.sink.OutputPreflight} reports the foreseeable cases before the write;
 * a bounded run writes with {@link dev.imagerestore.operators.sink.WriteRestoredFiles} instead, which
 * reports every write error in the file's line.
 *
 * <p>Threading: Flink calls a writer from its task thread only.
 */
public final class RestoredFileWriter extends TwoPhaseFileWriter<RestoredImage> {

    private static final Logger LOG = LoggerFactory.getLogger(RestoredFileWriter.class);

    private final Path outputRoot;
    private final boolean overwrite;
    private final List<FileCommittable> pending = new ArrayList<>();

    /** Creates the writer of {@code attempt} after deleting its orphans under {@code outputRoot}, except in {@code skipped}. */
    public RestoredFileWriter(Path outputRoot, Path skipped, boolean overwrite, WriterAttempt attempt)
            throws IOException {
        super(attempt);
        this.outputRoot = outputRoot.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        OrphanedTempFiles.delete(
                this.outputRoot, Integer.MAX_VALUE, skipped.toAbsolutePath().normalize(), attempt);
    }

    @Override
    public void write(RestoredImage image, Context context) {
        if (write(image.inputPath(), image.outputPath(), image.openStream())) {
            image.sideFile().ifPresent(file -> write(image.inputPath(), file.outputPath(), file.openStream()));
        }
    }

    /** Writes one file; false, logged, when it cannot be written. */
    private boolean write(String inputPath, String outputPath, InputStream bytes) {
        Path target = RelativePaths.resolve(outputRoot, outputPath);
        Path temporary = temporaryFor(target);
        FileCommittable committable = new FileCommittable(temporary, target, overwrite);
        try {
            Files.createDirectories(target.getParent());
            TempFiles.writeDurably(temporary, bytes);
        } catch (IOException e) {
            LOG.error("{}: cannot write {}, this file is not restored: {}", inputPath, target, e.toString());
            IOException cleanup = TempFiles.deleteQuietly(temporary);
            if (cleanup != null) {
                LOG.warn("could not delete temporary file {}: {}", temporary, cleanup.toString());
            }
            return false;
        }
        pending.add(committable);
        return true;
    }

    @Override
    public void flush(boolean endOfInput) {
        // Every file is already forced to disk by write().
    }

    @Override
    public Collection<FileCommittable> prepareCommit() {
        List<FileCommittable> ready = List.copyOf(pending);
        pending.clear();
        return ready;
    }

    @Override
    public void close() {
        for (FileCommittable c : pending) {
            IOException failure = TempFiles.deleteQuietly(c.temporary());
            if (failure != null) {
                LOG.warn("could not delete uncommitted temporary file {}: {}", c.temporary(), failure.toString());
            }
        }
        pending.clear();
    }
}
