package dev.imagerestore.operators.source.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Names the kind of a file that is neither regular, a folder nor a link, from its POSIX mode. */
final class SpecialFiles {

    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private SpecialFiles() {}

    /** "fifo", "socket", "character device", "block device", or "special file" where the mode is not known. */
    static String kind(Path file) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "special file";
        }
        return switch (mode & TYPE_MASK) {
            case FIFO -> "fifo";
            case SOCKET -> "socket";
            case CHARACTER_DEVICE -> "character device";
            case BLOCK_DEVICE -> "block device";
            default -> "special file";
        };
    }
}
