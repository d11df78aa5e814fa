package dev.imagerestore.operators.files;

import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * The one definition of a relative path in this module: '/'-separated, not empty, no leading or
 * trailing '/', no empty, "." or ".." segments, and no backslashes where the platform takes them
 * for a separator (on POSIX systems a backslash is an ordinary character of a file name). Paths
 * that pass cannot escape the root they are resolved against.
 */
public final class RelativePaths {

    private static final boolean BACKSLASH_SEPARATES =
            FileSystems.getDefault().getSeparator().equals("\\");

    private RelativePaths() {}

    /** Returns {@code path} if it is a valid relative path, else throws naming it and the rule broken. */
    public static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("relative path must not be empty");
        }
        if (BACKSLASH_SEPARATES && path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("relative path must use '/' separators, got '" + path + "'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(
                        "relative path must not be absolute or contain empty, '.' or '..' segments, got '" + path
                                + "'");
            }
        }
        return path;
    }

    /** {@code root} joined with a checked relative path; the result is always inside {@code root}. */
    public static Path resolve(Path root, String relativePath) {
        Path resolved = root;
        for (String segment : check(relativePath).split("/")) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }

    /** The last segment of a checked relative path. */
    public static String fileName(String relativePath) {
        return relativePath.substring(check(relativePath).lastIndexOf('/') + 1);
    }
}
