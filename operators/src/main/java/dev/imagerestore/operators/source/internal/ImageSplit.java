package dev.imagerestore.operators.source.internal;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * One input entry: a whole file to read, or an entry the enumerator skipped, with the reason its
 * report line gives. The relative path travels with the split as the enumerator saw it, so the
 * reader never derives a name from a URI. The {@link #path()} of a file to read is its URI with its
 * version (size and modification time) as the fragment ({@link #versioned}), so that Flink's
 * continuous enumeration, which hands out each path once, hands out a file again when it changes:
 * a file read while still being written, or replaced after it was restored. {@link #file()} is the
 * file itself.
 */
public final class ImageSplit extends FileSourceSplit {

    private static final long serialVersionUID = 1L;
    private static final String[] NO_HOSTS = new String[0];

    private final String relativePath;
    private final String skipReason;

    /** A file to read or, with a {@code skipReason}, an entry to report as skipped. */
    public ImageSplit(
            String id,
            Path path,
            long size,
            long modificationTime,
            String relativePath,
            String skipReason,
            CheckpointedPosition position) {
        super(id, path, 0, size, modificationTime, size, NO_HOSTS, position);
        this.relativePath = Objects.requireNonNull(relativePath, "relativePath");
        this.skipReason = skipReason;
    }

    /** {@code file}'s URI with its version, {@code size} and {@code modificationTime}, as the fragment. */
    public static URI versioned(URI file, long size, long modificationTime) {
        if (file.getRawFragment() != null) {
            throw new IllegalArgumentException("a file URI has no fragment, got " + file);
        }
        return URI.create(file + "#" + size + "-" + modificationTime);
    }

    /** The file to read: {@link #path()} without the version. */
    public java.nio.file.Path file() {
        String uri = path().toUri().toString();
        int version = uri.lastIndexOf('#');
        return java.nio.file.Path.of(URI.create(version < 0 ? uri : uri.substring(0, version)));
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
