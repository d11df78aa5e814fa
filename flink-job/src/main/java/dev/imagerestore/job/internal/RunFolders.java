package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks, before a job is defined, that its input can be read and its output written: the output
 * folder is created and a probe file written into it and deleted, so that a folder the job could
 * not write is refused at once rather than when the first image is committed. Probes that a run
 * killed in that instant left behind are deleted by the next run's check. Failures are
 * IllegalArgumentExceptions naming the option, the folder and the fix.
 */
public final class RunFolders {

    private static final String PROBE_PREFIX = ".write-probe-";
    private static final String PROBE_SUFFIX = ".tmp";

    private RunFolders() {}

    /** Refuses an input that is not a readable folder. */
    public static void checkInput(Path input) {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException(
                    "--input " + input + " does not exist; pass the folder of images to restore");
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input " + input
                    + " is a file, not a folder; pass the folder that holds it " + "(and --include to pick files)");
        }
        if (!Files.isReadable(input) || !Files.isExecutable(input)) {
            throw new IllegalArgumentException(
                    "--input " + input + " cannot be read; give this user read access to it");
        }
    }

    /** Creates the output folder if needed and refuses it when a file cannot be written there. */
    public static void checkOutput(Path output) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--output " + output + " cannot be created (" + why(e) + "); pass a folder this user can write", e);
        }
        try {
            Path probe = Files.createTempFile(output, PROBE_PREFIX, PROBE_SUFFIX);
            Files.deleteIfExists(probe);
            deleteLeftProbes(output);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--output " + output + " is not writable (" + why(e)
                            + "); pass a folder this user can write, or give write access to it",
                    e);
        }
    }

    /** Deletes the probe files of earlier checks that were killed between writing and deleting them. */
    private static void deleteLeftProbes(Path output) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(output, PROBE_PREFIX + "*" + PROBE_SUFFIX)) {
            for (Path probe : left) {
                if (Files.isRegularFile(probe, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(probe);
                }
            }
        }
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }
}
