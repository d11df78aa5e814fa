package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's unified GC log ({@code -Xlog:gc:file=...}): each collection's line ends
 * {@code <before>M-><after>M(<committed>M) <time>ms}, and the heap in use right after a collection
 * is what the program holds then (its live data and what the collection left).
 */
public final class GcLog {

    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {}

    /** The largest heap in use after a collection, in bytes; 0 if the log has no collection or is missing. */
    public static long largestHeapAfterCollection(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        long largest = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                largest = Math.max(largest, bytes(Long.parseLong(m.group(3)), m.group(4)));
            }
        }
        return largest;
    }

    private static long bytes(long value, String unit) {
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
