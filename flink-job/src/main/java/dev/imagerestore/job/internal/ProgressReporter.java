package dev.imagerestore.job.internal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints the progress of a local run from the run's own counts ({@link RunCounts}: the report lines
 * this run made, by status), against the entries counted before it started ({@link InputSurvey}:
 * its images and the entries it will skip, one report line each): finished of total with ok /
 * failed / skipped, megapixels restored per second, elapsed time, ETA, the tiles restored of images
 * that flow as tiles while some remain, and the latest file (see
 * {@link #line}). A run into a folder that already holds outputs starts at 0, since nothing is
 * read from the output folder.
 *
 * <p>{@link ProgressMode#TTY} rewrites one line in place ({@code \r}); {@link ProgressMode#LINES}
 * prints a line per {@link #update}, which the caller schedules every {@link #LINE_INTERVAL};
 * {@link #finish} ends with the final counts on a line of their own. Threading: one thread calls
 * {@link #update}, then {@link #finish} is called after it stopped.
 */
public final class ProgressReporter {

    /** Interval of the progress lines when the output is not a terminal. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(30);
    /** Interval of the in-place updates on a terminal. */
    public static final Duration TTY_INTERVAL = Duration.ofSeconds(1);

    private final PrintWriter out;
    private final ProgressMode mode;
    private final InputSurvey survey;
    private final long started = System.nanoTime();
    private int shownLength;
    private RunCounts firstCounts;
    private Duration firstElapsed;

    /**
     * @param mode a resolved mode (not {@link ProgressMode#AUTO})
     * @param survey the inputs of a bounded run, or null for a continuous one (no total, no ETA)
     */
    public ProgressReporter(PrintWriter out, ProgressMode mode, InputSurvey survey) {
        if (mode == ProgressMode.AUTO) {
            throw new IllegalArgumentException("resolve the progress mode first: " + mode);
        }
        this.out = out;
        this.mode = mode;
        this.survey = survey;
    }

    public ProgressMode mode() {
        return mode;
    }

    /** Shows {@code counts}: in place on a terminal, as a new line otherwise. */
    public synchronized void update(RunCounts counts) {
        if (mode == ProgressMode.NONE) {
            return;
        }
        String line = line(counts, elapsed());
        if (mode == ProgressMode.TTY) {
            out.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
            shownLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Shows the final counts and ends the line. */
    public synchronized void finish(RunCounts counts) {
        if (mode == ProgressMode.NONE) {
            return;
        }
        String line = line(counts, elapsed());
        out.println(
                mode == ProgressMode.TTY ? "\r" + line + " ".repeat(Math.max(0, shownLength - line.length())) : line);
        shownLength = 0;
        out.flush();
    }

    /** Ends an in-place line without new counts (a failed run). */
    public synchronized void abandon() {
        if (mode == ProgressMode.TTY && shownLength > 0) {
            out.println();
            out.flush();
            shownLength = 0;
        }
    }

    /**
     * The line for {@code counts} at {@code elapsed}. Throughput and ETA are measured from the first
     * counts that had a finished image, so that the start of the cluster and the loading of the model
     * do not stretch them; until a second reading there is no ETA and the rate is the overall one.
     */
    synchronized String line(RunCounts counts, Duration elapsed) {
        long processed = counts.processed();
        if (firstCounts == null && processed > 0) {
            firstCounts = counts;
            firstElapsed = elapsed;
        }
        boolean measured =
                firstCounts != null && processed > firstCounts.processed() && elapsed.compareTo(firstElapsed) > 0;
        double windowSeconds =
                measured ? elapsed.minus(firstElapsed).toMillis() / 1e3 : Math.max(elapsed.toMillis() / 1e3, 1e-3);
        double windowMegapixels = counts.megapixels() - (measured ? firstCounts.megapixels() : 0);
        StringBuilder line = new StringBuilder("progress: ").append(processed);
        if (survey != null) {
            line.append('/').append(survey.entries());
        }
        line.append(String.format(
                Locale.ROOT,
                " (%d ok, %d failed, %d skipped)",
                counts.count("ok"),
                counts.count("failed"),
                counts.count("skipped")));
        line.append(String.format(
                Locale.ROOT, ", %.2f MP/s, elapsed %s", windowMegapixels / windowSeconds, clock(elapsed)));
        if (survey != null) {
            long remaining = Math.max(0, survey.entries() - processed);
            double secondsPerImage = measured ? windowSeconds / (processed - firstCounts.processed()) : Double.NaN;
            line.append(", ETA ")
                    .append(
                            remaining == 0
                                    ? clock(Duration.ZERO)
                                    : measured
                                            ? clock(Duration.ofMillis(Math.round(secondsPerImage * remaining * 1e3)))
                                            : "?");
        }
        if (counts.tilesTotal() > counts.tilesDone()) {
            line.append(String.format(
                    Locale.ROOT, ", tiles %d/%d of large images", counts.tilesDone(), counts.tilesTotal()));
        }
        if (survey == null && counts.inProgress() > 0) {
            line.append(", ").append(counts.inProgress()).append(" in progress");
        }
        if (!counts.latestFile().isEmpty()) {
            line.append(", last ").append(counts.latestFile());
        }
        return line.toString();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** {@code h:mm:ss}. */
    public static String clock(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
