package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoint to resume from in what Flink retains on disk: a completed checkpoint or
 * savepoint is a folder holding a {@code _metadata} file; retained checkpoints live in
 * {@code <checkpoint dir>/<job id>/chk-<n>}.
 */
public final class Checkpoints {

    /** The file Flink writes last into a completed checkpoint or savepoint folder. */
    public static final String METADATA = "_metadata";

    private Checkpoints() {}

    /**
     * {@code path} itself when it is a completed checkpoint or savepoint, else the newest completed
     * {@code chk-<n>} in it (a job's checkpoint folder).
     *
     * @throws NoSuchFileException naming {@code path} and what it should contain when there is none
     */
    public static Path resolve(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(absolute.resolve(METADATA))) {
            return absolute;
        }
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(absolute)) {
            try (Stream<Path> children = Files.list(absolute)) {
                newest = children.filter(c -> checkpointNumber(c) >= 0)
                        .filter(c -> Files.isRegularFile(c.resolve(METADATA)))
                        .max(Comparator.comparingLong(Checkpoints::checkpointNumber));
            }
        }
        return newest.orElseThrow(() -> new NoSuchFileException(
                absolute.toString(),
                null,
                "no completed checkpoint: "
                        + "pass a checkpoint or savepoint folder (it holds " + METADATA
                        + ") or a job's checkpoint folder "
                        + "<--checkpoint-dir>/<job id> holding chk-<n> folders"));
    }

    /** n of a folder named {@code chk-<n>}, else -1. */
    private static long checkpointNumber(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.startsWith("chk-") || name.length() == 4) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
