package dev.imagerestore.job.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Prints the progress of a run on the embedded mini cluster from what the sinks have written:
 * outputs in progress or committed (hidden {@code .inprogress} files count as done work), against
 * the number of input images counted at start, with the input megapixels per second and an ETA.
 * Reading the output folder keeps it independent of Flink internals and costs one directory walk
 * per interval.
 */
public final class ProgressReporter {

    private final Path output;
    private final int total;
    private final double megapixelsPerImage;
    private final PrintStream out;
    private final long started = System.nanoTime();

    public ProgressReporter(Path output, int total, double megapixelsTotal, PrintStream out) {
        this.output = output;
        this.total = total;
        this.megapixelsPerImage = total == 0 ? 0 : megapixelsTotal / total;
        this.out = out;
    }

    /** Prints one progress line. */
    public void report() {
        int done = Math.min(total, countOutputs());
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = done * megapixelsPerImage / Math.max(seconds, 1e-3);
        String eta = done == 0 ? "?" : format(Duration.ofSeconds((long) (seconds / done * (total - done))));
        out.printf("progress: %d/%d images, %.2f MP/s, elapsed %s, ETA %s%n", done, total, rate,
                format(Duration.ofSeconds((long) seconds)), eta);
    }

    private int countOutputs() {
        if (!Files.isDirectory(output)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(output)) {
            return (int) files.filter(Files::isRegularFile)
                    .filter(p -> !output.relativize(p).startsWith("_report"))
                    .count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
