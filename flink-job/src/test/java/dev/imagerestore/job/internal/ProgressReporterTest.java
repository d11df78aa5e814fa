package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    /** Ten report lines to come: eight images and two entries to skip. */
    private static final InputSurvey TEN = new InputSurvey(8, 2, 5.0, 0);

    @Test
    void aLineGivesFinishedOfTotalByStatusThroughputEtaAndTheLatestFile() {
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(new StringWriter()), ProgressMode.LINES, TEN);
        RunCounts first = new RunCounts(Map.of("ok", 1L), 500_000, "a.png");
        RunCounts later = new RunCounts(Map.of("ok", 3L, "failed", 1L, "skipped", 1L), 2_500_000, "box/b.png");

        assertThat(reporter.line(first, Duration.ofSeconds(30)))
                .as("one reading: no rate of its own yet")
                .isEqualTo("progress: 1/10 (1 ok, 0 failed, 0 skipped), 0.02 MP/s, elapsed 0:00:30, ETA ?, last a.png");
        assertThat(reporter.line(later, Duration.ofSeconds(40)))
                .as("4 images and 2 MP in the 10 s since")
                .isEqualTo(
                        "progress: 5/10 (3 ok, 1 failed, 1 skipped), 0.20 MP/s, elapsed 0:00:40, ETA 0:00:12, last box/b.png");
    }

    @Test
    void aLargeImageInProgressShowsItsTilesRestoredOfAllCut() {
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(new StringWriter()), ProgressMode.LINES, TEN);

        assertThat(reporter.line(new RunCounts(Map.of(), 0, "", 1, 1200, 4500), Duration.ofSeconds(60)))
                .isEqualTo("progress: 0/10 (0 ok, 0 failed, 0 skipped), 0.00 MP/s, elapsed 0:01:00, ETA ?, "
                        + "tiles 1200/4500 of large images");
        assertThat(reporter.line(
                        new RunCounts(Map.of("ok", 1L), 100_000_000, "scan.tif", 1, 4500, 4500),
                        Duration.ofSeconds(90)))
                .as("all tiles done: no tile count")
                .doesNotContain("tiles");
    }

    @Test
    void aFinishedRunHasNoTimeLeft() {
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(new StringWriter()), ProgressMode.LINES, TEN);

        assertThat(reporter.line(new RunCounts(Map.of("ok", 10L), 0, "j.png"), Duration.ofSeconds(9)))
                .contains("10/10", "ETA 0:00:00");
    }

    @Test
    void aRunStartsAtZeroWithoutAnEta() {
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(new StringWriter()), ProgressMode.LINES, TEN);

        assertThat(reporter.line(RunCounts.NONE, Duration.ofSeconds(3)))
                .isEqualTo("progress: 0/10 (0 ok, 0 failed, 0 skipped), 0.00 MP/s, elapsed 0:00:03, ETA ?");
    }

    @Test
    void aContinuousRunHasNoTotalAndNoEta() {
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(new StringWriter()), ProgressMode.LINES, null);

        assertThat(reporter.line(new RunCounts(Map.of("ok", 2L), 0, ""), Duration.ofSeconds(1)))
                .isEqualTo("progress: 2 (2 ok, 0 failed, 0 skipped), 0.00 MP/s, elapsed 0:00:01");
    }

    @Test
    void aContinuousRunShowsTheImagesDecodedWhoseLinesHaveNotComeYet() {
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(new StringWriter()), ProgressMode.LINES, null);
        RunCounts counts = RunCounts.of(Map.of(
                RunCounts.STATUS_PREFIX + "ok", 2L, RunCounts.STATUS_PREFIX + "skipped", 1L, RunCounts.ADMITTED, 7L));

        assertThat(counts.inProgress()).isEqualTo(4);
        assertThat(reporter.line(counts, Duration.ofSeconds(1)))
                .isEqualTo("progress: 3 (2 ok, 0 failed, 1 skipped), 0.00 MP/s, elapsed 0:00:01, 4 in progress");
        assertThat(reporter.line(new RunCounts(Map.of("ok", 2L), 0, "", 2), Duration.ofSeconds(2)))
                .as("nothing in progress, nothing said")
                .doesNotContain("in progress");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndEndedOnce() {
        StringWriter text = new StringWriter();
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(text), ProgressMode.TTY, TEN);

        reporter.update(new RunCounts(Map.of("ok", 1L), 0, "a-rather-long-name.png"));
        reporter.update(new RunCounts(Map.of("ok", 2L), 0, "b.png"));
        reporter.finish(new RunCounts(Map.of("ok", 10L), 0, "c.png"));

        assertThat(text.toString()).startsWith("\rprogress: 1/10").contains("\rprogress: 2/10", "\rprogress: 10/10");
        assertThat(text.toString().chars().filter(c -> c == '\n').count())
                .as("one line ended")
                .isEqualTo(1);
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void linesModePrintsALinePerUpdateAndNonePrintsNothing() {
        StringWriter lines = new StringWriter();
        StringWriter none = new StringWriter();
        ProgressReporter byLine = new ProgressReporter(new PrintWriter(lines), ProgressMode.LINES, TEN);
        ProgressReporter silent = new ProgressReporter(new PrintWriter(none), ProgressMode.NONE, TEN);

        for (ProgressReporter r : new ProgressReporter[] {byLine, silent}) {
            r.update(RunCounts.NONE);
            r.update(new RunCounts(Map.of("ok", 4L), 0, "a.png"));
            r.finish(new RunCounts(Map.of("ok", 10L), 0, "b.png"));
        }

        assertThat(lines.toString().lines()).hasSize(3).allMatch(l -> l.startsWith("progress: "));
        assertThat(none.toString()).isEmpty();
    }

    @Test
    void autoIsATerminalLineOnAConsoleAndLinesElsewhere() {
        assertThat(ProgressMode.AUTO.resolve(true)).isEqualTo(ProgressMode.TTY);
        assertThat(ProgressMode.AUTO.resolve(false)).isEqualTo(ProgressMode.LINES);
        assertThat(ProgressMode.NONE.resolve(true)).isEqualTo(ProgressMode.NONE);
    }
}
