package dev.imagerestore.job.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One report file per bounded run: the part files a run's report sink committed (one per subtask
 * and commit) are gathered, in order, into {@code _report/run-<id>.jsonl}, named by the run id its
 * lines carry, and {@code _report/latest} is pointed at it (a relative symbolic link, or a one-line
 * file naming it where the file system has no links). The gathered file is written under a hidden
 * name and renamed into place before any part is deleted, so a crash leaves the parts, the run file
 * or both, never half of either. Lines keep their text and their order. Used by the command line's
 * runs, which see the whole run end; a {@code flink run} submission leaves the parts as committed.
 */
public final class RunReport {

    /** The name of the pointer to the latest run's report. */
    public static final String LATEST = "latest";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private RunReport() {}

    /** {@code run-<id>.jsonl}, the report file of run {@code id}. */
    public static String fileName(String id) {
        return "run-" + id + ".jsonl";
    }

    /**
     * Gathers {@code parts} (in the given order) into this run's report file and points
     * {@code latest} at it.
     *
     * @return the run's report file, or empty when the parts hold no line (then nothing changes)
     * @throws IOException if a part cannot be read or the file cannot be written; the parts are then
     *     left as they were
     */
    public static Optional<Path> gather(Path reportDirectory, List<Path> parts) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path part : parts) {
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String id = runId(lines.get(0));
        Path target = reportDirectory.resolve(fileName(id));
        Path hidden = reportDirectory.resolve("." + target.getFileName() + ".inprogress");
        Files.write(hidden, lines, StandardCharsets.UTF_8);
        move(hidden, target);
        for (Path part : parts) {
            if (!part.equals(target)) {
                Files.deleteIfExists(part);
            }
        }
        pointLatest(reportDirectory, target.getFileName().toString());
        return Optional.of(target);
    }

    /** The file {@code latest} names, if there is one. */
    public static Optional<Path> latest(Path reportDirectory) throws IOException {
        Path pointer = reportDirectory.resolve(LATEST);
        if (Files.isSymbolicLink(pointer)) {
            return Optional.of(reportDirectory.resolve(Files.readSymbolicLink(pointer)));
        }
        if (Files.isRegularFile(pointer)) {
            return Optional.of(reportDirectory.resolve(
                    Files.readString(pointer, StandardCharsets.UTF_8).trim()));
        }
        return Optional.empty();
    }

    private static String runId(String line) {
        JsonElement run;
        try {
            JsonObject json = JsonParser.parseString(line).getAsJsonObject();
            run = json.get("run");
        } catch (RuntimeException e) {
            throw new IllegalStateException("a report line is not a JSON object: " + line, e);
        }
        if (run == null
                || !run.isJsonPrimitive()
                || !SAFE_ID.matcher(run.getAsString()).matches()) {
            throw new IllegalStateException(
                    "a report line has no usable run id (letters, digits, '.', '_' or '-', " + "at most 100): " + line);
        }
        return run.getAsString();
    }

    private static void pointLatest(Path reportDirectory, String fileName) throws IOException {
        Path pointer = reportDirectory.resolve(LATEST);
        Path hidden = reportDirectory.resolve("." + LATEST + ".inprogress");
        Files.deleteIfExists(hidden);
        try {
            Files.createSymbolicLink(hidden, Path.of(fileName));
        } catch (UnsupportedOperationException | IOException noLinks) {
            Files.writeString(hidden, fileName + "\n", StandardCharsets.UTF_8);
        }
        move(hidden, pointer);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
