package dev.imagerestore.operators.sink.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Hidden temporary files next to their target: {@code .<name>.<uuid>.inprogress}. The leading dot
 * hides them from users and from this job's source; the UUID keeps concurrent and retried writers
 * apart. Content is forced to disk before the file is handed to the committer, so a committed
 * rename never exposes a file whose data is still in the page cache only.
 */
public final class TempFiles {

    /** The suffix of every temporary file this module writes. */
    public static final String SUFFIX = ".inprogress";

    private TempFiles() {}

    /** A fresh temporary path for {@code target}, in the same directory. */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + SUFFIX);
    }

    /** Writes {@code content} to a new file at {@code path} and forces it to disk. */
    public static void writeDurably(Path path, InputStream content) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            content.transferTo(Channels.newOutputStream(channel));
            channel.force(true);
        }
    }

    /** Deletes {@code path} if it exists; failures are returned, not thrown, for cleanup paths. */
    public static IOException deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
