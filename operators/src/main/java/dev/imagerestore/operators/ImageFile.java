package dev.imagerestore.operators;

import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
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
 * is emitted <em>skipped</em>: withheld, with the reason, so that it gets its report line. A file
 * whose image is too large to hold whole is emitted <em>located</em>: no bytes, its absolute path on
 * a file system every TaskManager sees, so that it is read by region where it lies
 * ({@link #location()}, {@link #openImageStream()}).
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
    private final String location;

    private ImageFile(
            String relativePath,
            long size,
            long modificationTime,
            byte[] bytes,
            String withheldReason,
            boolean skipped,
            String location) {
        this.relativePath = RelativePaths.check(relativePath);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size + " for " + relativePath);
        }
        this.size = size;
        this.modificationTime = modificationTime;
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.withheldReason = withheldReason;
        this.skipped = skipped;
        this.location = location;
    }

    /** A file with all its bytes, which the instance now owns (the caller must not modify them). */
    public static ImageFile of(String relativePath, long modificationTime, byte[] bytes) {
        return new ImageFile(relativePath, bytes.length, modificationTime, bytes, null, false, null);
    }

    /** A file whose bytes were not read, with the reason (naming the limit and how to raise it). */
    public static ImageFile withheld(String relativePath, long size, long modificationTime, String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ImageFile(relativePath, size, modificationTime, new byte[0], reason, false, null);
    }

    /** An entry the source does not restore, with why (e.g. "not a regular file (fifo)"); no bytes. */
    public static ImageFile skipped(String relativePath, String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ImageFile(relativePath, 0, 0, new byte[0], reason, true, null);
    }

    /**
     * A file read where it lies, by region, instead of whole: {@code location} is its absolute path,
     * on a file system the TaskManagers share with the source.
     */
    public static ImageFile located(String relativePath, long size, long modificationTime, Path location) {
        if (!location.isAbsolute()) {
            throw new IllegalArgumentException(
                    "the location of " + relativePath + " must be absolute, got " + location);
        }
        return new ImageFile(relativePath, size, modificationTime, new byte[0], null, false, location.toString());
    }

    /** The absolute path of a {@link #located} file; empty for a file that carries its bytes. */
    public Optional<Path> location() {
        return Optional.ofNullable(location).map(Path::of);
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

    /**
     * A stream over the bytes, without copying them; for a {@link #located} file, over the file
     * itself, which the caller must close.
     *
     * @throws UncheckedIOException when a located file cannot be opened
     */
    public InputStream openStream() {
        if (location == null) {
            return new ByteArrayInputStream(bytes);
        }
        try {
            return Files.newInputStream(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException(relativePath + ": cannot open " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * A seekable image stream over the file: over the bytes held, or, for a {@link #located} file,
     * over the file on disk, read as needed (no copy in memory). The caller closes it.
     */
    public ImageInputStream openImageStream() throws IOException {
        return location == null
                ? new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))
                : new FileImageInputStream(Path.of(location).toFile());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageFile other
                && relativePath.equals(other.relativePath)
                && size == other.size
                && modificationTime == other.modificationTime
                && skipped == other.skipped
                && Objects.equals(withheldReason, other.withheldReason)
                && Objects.equals(location, other.location)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relativePath, size, modificationTime);
    }

    @Override
    public String toString() {
        return "ImageFile[" + relativePath + ", " + size + " bytes"
                + (withheldReason == null ? "" : skipped ? ", skipped" : ", withheld")
                + (location == null ? "" : ", located at " + location) + "]";
    }
}
