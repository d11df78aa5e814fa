package dev.imagerestore.operators.source.internal;

import java.util.Objects;
import java.util.Optional;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * One input entry: a whole file to read, or an entry the enumerator skipped, with the reason its
 * report line gives. The relative path travels with the split as the enumerator saw it, so the
 * reader never derives a name from a URI; the {@link #path()} is the entry's URI, unique per entry
 * (Flink's continuous enumeration hands out each path once).
 */
public final class ImageSplit extends FileSourceSplit {

    private static final long serialVersionUID = 1L;
    private static final String[] NO_HOSTS = new String[0];

    private final String relativePath;
    private final String skipReason;

    /** A file to read or, with a {@code skipReason}, an entry to report as skipped. */
    public ImageSplit(String id, Path path, long size, long modificationTime, String relativePath, String skipReason,
            CheckpointedPosition position) {
        super(id, path, 0, size, modificationTime, size, NO_HOSTS, position);
        this.relativePath = Objects.requireNonNull(relativePath, "relativePath");
        this.skipReason = skipReason;
    }

    /** The entry's path relative to the input root, '/'-separated. */
    public String relativePath() {
        return relativePath;
    }

    /** Why the entry is not read; empty for a file to read. */
    public Optional<String> skipReason() {
        return Optional.ofNullable(skipReason);
    }

    @Override
    public ImageSplit updateWithCheckpointedPosition(CheckpointedPosition position) {
        return new ImageSplit(splitId(), path(), length(), fileModificationTime(), relativePath, skipReason, position);
    }

    @Override
    public String toString() {
        return "ImageSplit[" + splitId() + ", " + relativePath + (skipReason == null ? "" : ", skipped: " + skipReason)
                + "]";
    }
}
