package dev.imagerestore.operators.commit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes written files visible by renaming their hidden temporary file to the target, atomically.
 * Flink calls it when a checkpoint completes (streaming) or at the end of input (batch).
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Temporary file gone, target present: a replay of a commit that happened; nothing to do.
 *   <li>Overwrite off: the target is created as a hard link to the temporary file, which fails if the
 *       target exists, so an existing file is never replaced, even by a racing writer; then the
 *       temporary file is deleted. If the target exists (and is not already this file) the existing
 *       file is kept and the temporary one discarded, with a warning. Where hard links are not
 *       supported the rule is checked, then the file moved with {@code ATOMIC_MOVE}.
 *   <li>Overwrite on: {@code ATOMIC_MOVE}, replacing the target.
 *   <li>Temporary file and target both gone: the data is lost (someone deleted it); logged and
 *       discarded, since a retry cannot bring it back.
 * </ol>
 * The directory is synced after a rename where the platform allows it. Commits are idempotent:
 * committing the same committable twice leaves the same visible state. I/O errors are retried up to
 * {@link #MAX_RETRIES} times; then that file is given up (logged, its temporary file deleted) and the
 * job goes on, since one file that cannot be renamed must not stop the others.
 */
public final class FileCommitter implements Committer<FileCommittable> {

    /** What a commit found and did. */
    public enum Outcome {
        COMMITTED,
        ALREADY_COMMITTED,
        KEPT_EXISTING,
        LOST
    }

    static final int MAX_RETRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(FileCommitter.class);

    @Override
    public void commit(Collection<CommitRequest<FileCommittable>> requests) {
        for (CommitRequest<FileCommittable> request : requests) {
            FileCommittable c = request.getCommittable();
            try {
                signal(request, commit(c));
            } catch (IOException e) {
                if (request.getNumberOfRetries() < MAX_RETRIES) {
                    LOG.warn("commit of {} failed, will retry: {}", c.target(), e.toString());
                    request.retryLater();
                } else {
                    LOG.error(
                            "commit of {} failed {} times, this file is not restored: {}",
                            c.target(),
                            MAX_RETRIES + 1,
                            e.toString());
                    IOException cleanup = TempFiles.deleteQuietly(c.temporary());
                    if (cleanup != null) {
                        LOG.warn("could not delete temporary file {}: {}", c.temporary(), cleanup.toString());
                    }
                    request.signalFailedWithKnownReason(e);
                }
            }
        }
    }

    private static void signal(CommitRequest<FileCommittable> request, Outcome outcome) {
        FileCommittable c = request.getCommittable();
        switch (outcome) {
            case ALREADY_COMMITTED -> request.signalAlreadyCommitted();
            case KEPT_EXISTING ->
                request.signalFailedWithKnownReason(new FileAlreadyExistsException(
                        c.target().toString(), null, "exists and overwrite is off; the existing file was kept"));
            case LOST ->
                request.signalFailedWithKnownReason(new NoSuchFileException(
                        c.temporary().toString(),
                        null,
                        "temporary file vanished before its commit; " + c.target() + " was not written"));
            default -> {}
        }
    }

    /** Commits one file; see the class rules. */
    public static Outcome commit(FileCommittable c) throws IOException {
        if (!Files.exists(c.temporary())) {
            if (Files.exists(c.target())) {
                return Outcome.ALREADY_COMMITTED;
            }
            LOG.error("{} vanished before its commit; {} was not written", c.temporary(), c.target());
            return Outcome.LOST;
        }
        Outcome outcome = c.overwrite() ? replace(c) : createNew(c);
        syncDirectory(c.target().getParent());
        return outcome;
    }

    private static Outcome replace(FileCommittable c) throws IOException {
        Files.move(c.temporary(), c.target(), StandardCopyOption.ATOMIC_MOVE);
        return Outcome.COMMITTED;
    }

    private static Outcome createNew(FileCommittable c) throws IOException {
        try {
            Files.createLink(c.target(), c.temporary());
        } catch (FileAlreadyExistsException e) {
            boolean ours = Files.isSameFile(c.target(), c.temporary());
            Files.delete(c.temporary());
            if (!ours) {
                LOG.warn("{} exists and overwrite is off: kept the existing file, discarded the new one", c.target());
            }
            return ours ? Outcome.ALREADY_COMMITTED : Outcome.KEPT_EXISTING;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            if (Files.exists(c.target())) {
                Files.delete(c.temporary());
                return Outcome.KEPT_EXISTING;
            }
            Files.move(c.temporary(), c.target(), StandardCopyOption.ATOMIC_MOVE);
            return Outcome.COMMITTED;
        }
        Files.delete(c.temporary());
        return Outcome.COMMITTED;
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupportedHere) {
            LOG.debug("cannot sync directory {} on this platform", directory);
        }
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
