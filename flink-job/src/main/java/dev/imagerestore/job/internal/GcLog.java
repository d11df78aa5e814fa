package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's unified GC log ({@code -Xlog:gc:file=...}): each collection's line ends
 * {@code <before>M-><after>M(<committed>M) <time>ms}. After a young collection the heap still holds
 * every object promoted to the old generation, dead or alive, until a marking finds out; after the
 * remark of a concurrent marking (G1 frees the regions it found empty) or a full collection, what is
 * left is close to what the program holds: {@link #largestHeapAfterMarking}.
 */
public final class GcLog {

    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {}

    /**
     * The largest heap in use after a marking's remark or a full collection, in bytes; if the run had
     * neither, after any collection; 0 if the log has no collection or is missing.
     */
    public static long largestHeapAfterMarking(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        long marked = 0;
        long any = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                long after = bytes(Long.parseLong(m.group(3)), m.group(4));
                any = Math.max(any, after);
                if (line.contains("Pause Remark") || line.contains("Pause Full")) {
                    marked = Math.max(marked, after);
                }
            }
        }
        return marked > 0 ? marked : any;
    }

    private static long bytes(long value, String unit) {
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
