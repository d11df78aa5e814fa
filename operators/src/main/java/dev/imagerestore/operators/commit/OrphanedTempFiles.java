package dev.imagerestore.operators.commit;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the temporary files that earlier attempts of a writer left behind and that no restored
 * committable refers to, as {@link WriterAttempt#mustDelete} decides from their names; a writer does
 * this once, when it is created, before it writes anything. Those are the files written after the
 * restored checkpoint by a writer that was killed (a TaskManager lost, a process killed): an orderly
 * close deletes its own. Files of committables in the restored state are left to the committer.
 *
 * <p>Cost: one walk of the tree under the root per writer start. Files renamed or deleted by other
 * subtasks during the walk are skipped. Symbolic links are not followed. A file or directory that
 * cannot be read or deleted is logged and left; the writer goes on. One output folder is written by
 * one job at a time, since a second job's writers with the same subtask indexes would delete each
 * other's files.
 */
public final class OrphanedTempFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedTempFiles.class);

    private OrphanedTempFiles() {}

    /**
     * Deletes {@code attempt}'s orphans in {@code root} and its subdirectories up to {@code maxDepth}
     * levels (1: the root's files only), not entering {@code skipped} (may be null); returns how many.
     */
    public static int delete(Path root, int maxDepth, Path skipped, WriterAttempt attempt) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Deleter deleter = new Deleter(skipped, attempt);
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), maxDepth, deleter);
        if (deleter.deleted > 0) {
            LOG.info(
                    "subtask {} of {} restored at checkpoint {} deleted {} orphaned temporary files under {}",
                    attempt.subtask(),
                    attempt.parallelism(),
                    attempt.restoredCheckpointId(),
                    deleter.deleted,
                    root);
        }
        return deleter.deleted;
    }

    private static final class Deleter extends SimpleFileVisitor<Path> {

        private final Path skipped;
        private final WriterAttempt attempt;
        private int deleted;

        Deleter(Path skipped, WriterAttempt attempt) {
            this.skipped = skipped;
            this.attempt = attempt;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return dir.equals(skipped) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            Optional<TempFiles.Origin> origin = TempFiles.originOf(file);
            if (attributes.isRegularFile() && origin.isPresent() && attempt.mustDelete(origin.get())) {
                IOException failure = TempFiles.deleteQuietly(file);
                if (failure == null) {
                    deleted++;
                } else {
                    LOG.warn("could not delete orphaned temporary file {}: {}", file, failure.toString());
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return skip(file, e);
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            return e == null ? FileVisitResult.CONTINUE : skip(dir, e);
        }

        private static FileVisitResult skip(Path path, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                LOG.warn("cannot look for orphaned temporary files in {}: {}", path, e.toString());
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
