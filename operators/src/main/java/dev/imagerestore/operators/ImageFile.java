package dev.imagerestore.operators;

import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One input file as read by the source: its path relative to the input root (always with '/'
 * separators), its size, its modification time and its bytes.
 *
 * <p>Immutable. The bytes are owned by the instance: {@link #of} takes ownership of the array it is
 * given and {@link #openStream()} reads them without copying; {@link #bytes()} returns a copy. A
 * file larger than the source's byte limit is emitted <em>withheld</em>: no bytes, its listed size,
 * and the reason, so that the decoder turns it into a dead letter instead of the source holding
 * gigabytes in memory. An entry the source does not restore (not an image, a FIFO, unreadable, ...)
 * is emitted <em>skipped</em>: withheld, with the reason, so that it gets its report line.
 *
 * <p>Serialized by {@link dev.imagerestore.operators.internal.ImageFileSerializer} (the bytes as one
 * length-prefixed block, no Kryo), picked up by Flink through the {@link TypeInfo} annotation.
 */
@TypeInfo(TypeInfoFactories.ImageFileFactory.class)
public final class ImageFile {

    private final String relativePath;
    private final long size;
    private final long modificationTime;
    private final byte[] bytes;
    private final String withheldReason;
    private final boolean skipped;

    private ImageFile(
            String relativePath,
            long size,
            long modificationTime,
            byte[] bytes,
            String withheldReason,
            boolean skipped) {
        this.relativePath = RelativePaths.check(relativePath);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size + " for " + relativePath);
        }
        this.size = size;
        this.modificationTime = modificationTime;
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.withheldReason = withheldReason;
        this.skipped = skipped;
    }

    /** A file with all its bytes, which the instance now owns (the caller must not modify them). */
    public static ImageFile of(String relativePath, long modificationTime, byte[] bytes) {
        return new ImageFile(relativePath, bytes.length, modificationTime, bytes, null, false);
    }

    /** A file whose bytes were not read, with the reason (naming the limit and how to raise it). */
    public static ImageFile withheld(String relativePath, long size, long modificationTime, String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ImageFile(relativePath, size, modificationTime, new byte[0], reason, false);
    }

    /** An entry the source does not restore, with why (e.g. "not a regular file (fifo)"); no bytes. */
    public static ImageFile skipped(String relativePath, String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ImageFile(relativePath, 0, 0, new byte[0], reason, true);
    }

    /** The path relative to the input root, with '/' separators and no leading '/'. */
    public String relativePath() {
        return relativePath;
    }

    /** Size in bytes: the number of bytes held, or the listed size of a withheld file. */
    public long size() {
        return size;
    }

    /** Modification time, milliseconds since the epoch, as listed by the file system. */
    public long modificationTime() {
        return modificationTime;
    }

    /** Why the bytes were not read; empty for a file that carries its bytes. */
    public Optional<String> withheldReason() {
        return Optional.ofNullable(withheldReason);
    }

    /** Whether the source skipped this entry on purpose; its {@link #withheldReason} says why. */
    public boolean isSkipped() {
        return skipped;
    }

    /** A copy of the bytes (empty for a withheld file). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A stream over the bytes, without copying them. */
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageFile other
                && relativePath.equals(other.relativePath)
                && size == other.size
                && modificationTime == other.modificationTime
                && skipped == other.skipped
                && Objects.equals(withheldReason, other.withheldReason)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relativePath, size, modificationTime);
    }

    @Override
    public String toString() {
        return "ImageFile[" + relativePath + ", " + size + " bytes"
                + (withheldReason == null ? "" : skipped ? ", skipped" : ", withheld") + "]";
    }
}
