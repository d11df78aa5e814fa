package dev.imagerestore.operators.commit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hidden temporary files next to their target: {@code .<name>.s<subtask>-c<checkpoint>-<uuid>.inprogress}.
 * The leading dot hides them from users and from this job's source. A target name longer than
 * {@link #MAX_NAME_BYTES} UTF-8 bytes is replaced by a 16-hex-digit hash of it, so the temporary
 * name stays within the file systems' NAME_MAX of 255 bytes whenever the target's does. The tag names the writer subtask
 * and the first checkpoint that can commit the file (the one after the last checkpoint its writer
 * took part in), so that a restored writer can tell its own leftovers that no restored committable
 * refers to ({@link OrphanedTempFiles}); the UUID keeps files of the same target apart. Content is
 * forced to disk before the file is handed to the committer, so a committed rename never exposes a
 * file whose data is still in the page cache only.
 */
public final class TempFiles {

    /** The suffix of every temporary file this module writes. */
    public static final String SUFFIX = ".inprogress";
    /** The longest target name, in UTF-8 bytes, a temporary name repeats; longer ones are hashed. */
    public static final int MAX_NAME_BYTES = 96;

    private static final Pattern TAG =
            Pattern.compile("s(\\d{1,9})-c(\\d{1,18})-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    /**
     * Who wrote a temporary file: the writer's subtask index and the first checkpoint that can commit it.
     */
    public record Origin(int subtask, long checkpointId) {

        public Origin {
            if (subtask < 0 || checkpointId < 0) {
                throw new IllegalArgumentException(
                        "subtask and checkpoint id must be >= 0, got " + subtask + " and " + checkpointId);
            }
        }
    }

    private TempFiles() {}

    /** A fresh temporary path for {@code target}, in the same directory, tagged with its {@code origin}. */
    public static Path temporaryFor(Path target, Origin origin) {
        return target.resolveSibling("." + shortName(target.getFileName().toString()) + ".s" + origin.subtask() + "-c"
                + origin.checkpointId() + "-" + UUID.randomUUID() + SUFFIX);
    }

    private static String shortName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_NAME_BYTES) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * The origin of {@code file} if its name is a temporary file name of this module; empty for any
     * other file, including temporary files of earlier versions without a tag.
     */
    public static Optional<Origin> originOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String stem = name.substring(0, name.length() - SUFFIX.length());
        int dot = stem.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Matcher tag = TAG.matcher(stem.substring(dot + 1));
        if (!tag.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Origin(Integer.parseInt(tag.group(1)), Long.parseLong(tag.group(2))));
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
