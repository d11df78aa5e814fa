package dev.imagerestore.operators.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Real paths (symbolic links resolved) of folders that may not exist yet, so that two spellings of
 * one folder (a symlink, {@code ..}, a relative path) compare equal.
 */
public final class RealPaths {

    private RealPaths() {}

    /**
     * The real path of {@code path}: that of its nearest existing ancestor, links resolved, joined with
     * the part that does not exist yet.
     */
    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the real path of " + path + ": " + e.getMessage(), e);
        }
    }
}
