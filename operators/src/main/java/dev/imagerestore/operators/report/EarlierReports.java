package dev.imagerestore.operators.report;

import com.google.gson.JsonObject;
import dev.imagerestore.operators.ReportJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The outputs that earlier runs into an output folder reported as restored: every {@code "ok"}
 * line's {@code output} in the committed report files ({@code <output>/_report/*.jsonl}, run files
 * and the parts of runs that were stopped before gathering them). A run that was killed after it
 * wrote a file and before its report line was committed leaves an output no line names; the next
 * run tells it apart with {@link #reportedOk}.
 *
 * <p>Kept as a sorted array of 64-bit digests of the output paths (8 bytes a line, so a report of
 * a million images takes 8 MB); a wrong match needs two paths with the same first 64 bits of
 * SHA-256. Lines that are not report objects (a hand-edited file) are ignored. Immutable.
 */
public final class EarlierReports {

    private final long[] okOutputs;

    private EarlierReports(long[] okOutputs) {
        this.okOutputs = okOutputs;
    }

    /**
     * The earlier reports of the output folder {@code outputRoot} (its {@link ReportSink#DIRECTORY}),
     * for a stage that needs them to tell finished outputs from those of a stopped run.
     *
     * @throws UncheckedIOException naming the folder when they cannot be read
     */
    public static EarlierReports ofOutput(Path outputRoot) {
        Path directory = outputRoot.resolve(ReportSink.DIRECTORY);
        try {
            return read(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the earlier reports in " + directory + ", which tell finished outputs from outputs "
                            + "of a stopped run: " + e.getMessage(),
                    e);
        }
    }

    /** Reads the report files in {@code reportDirectory}; none if it does not exist. */
    public static EarlierReports read(Path reportDirectory) throws IOException {
        long[] digests = new long[1024];
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(reportDirectory, "*.jsonl")) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                        String output = okOutput(text);
                        if (output != null) {
                            if (count == digests.length) {
                                digests = Arrays.copyOf(digests, count * 2);
                            }
                            digests[count++] = digest(output);
                        }
                    }
                }
            }
        } catch (NoSuchFileException none) {
            return new EarlierReports(new long[0]);
        }
        long[] sorted = Arrays.copyOf(digests, count);
        Arrays.sort(sorted);
        return new EarlierReports(sorted);
    }

    /** Whether an earlier report has an "ok" line for {@code outputPath} (relative to the output root). */
    public boolean reportedOk(String outputPath) {
        return Arrays.binarySearch(okOutputs, digest(outputPath)) >= 0;
    }

    /** How many "ok" lines were read. */
    public int okLines() {
        return okOutputs.length;
    }

    private static String okOutput(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonObject line = ReportJson.parse(text);
            return line.has("status") && "ok".equals(line.get("status").getAsString()) && line.has("output")
                    ? line.get("output").getAsString()
                    : null;
        } catch (RuntimeException notAReportLine) {
            return null;
        }
    }

    private static long digest(String path) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (sha[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
