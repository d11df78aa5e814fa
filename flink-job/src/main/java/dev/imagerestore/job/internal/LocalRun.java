package dev.imagerestore.job.internal;

import dev.imagerestore.job.review.ReviewPage;
import dev.imagerestore.models.cli.CliErrors;
import dev.imagerestore.operators.report.ReportSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/**
 * Follows one job on the embedded mini cluster to its end: progress from the job's accumulators
 * (see {@link ReportCounter}) while it runs, then the summary of the report files this run wrote
 * (those in {@code _report} that were not there when it started), gathered into one file named by
 * the run id ({@link RunReport}), summed up, printed and written as {@value RunSummary#FILE_NAME},
 * and the review page of those lines ({@link ReviewPage}). A continuous
 * run refreshes the review page every {@link #REVIEW_INTERVAL} when report files were committed
 * since (at checkpoints); only the new lines' images are decoded. Create it before the job is
 * submitted.
 */
public final class LocalRun {

    private final Path reportDirectory;
    private final ProgressReporter progress;
    private final Set<Path> earlierReports;
    private final long started = System.nanoTime();
    private final PrintWriter out;
    private final ReviewPage review;
    private List<Path> reviewed = List.of();
    private boolean reviewFailed;
    private boolean reviewAnnounced;
    private final Duration reviewInterval;

    /** How often a continuous run looks for newly committed report files to refresh the review page. */
    public static final Duration REVIEW_INTERVAL = Duration.ofSeconds(10);

    /**
     * @param input the run's input root, which the review page compares the outputs with
     * @param maxPixels the run's pixel limit, applied when the review page decodes images
     */
    public LocalRun(Path input, Path output, long maxPixels, ProgressReporter progress, PrintWriter out)
            throws IOException {
        this(input, output, maxPixels, progress, out, REVIEW_INTERVAL);
    }

    LocalRun(
            Path input,
            Path output,
            long maxPixels,
            ProgressReporter progress,
            PrintWriter out,
            Duration reviewInterval)
            throws IOException {
        this.reviewInterval = reviewInterval;
        this.reportDirectory = output.toAbsolutePath().normalize().resolve(ReportSink.DIRECTORY);
        this.progress = progress;
        this.out = out;
        this.earlierReports = new HashSet<>(reportFiles());
        this.review = new ReviewPage(input, reportDirectory, maxPixels);
    }

    /**
     * Shows progress until the job ends and returns the summary of a bounded run; a continuous run
     * only shows progress and returns null when it ends. Throws IllegalStateException naming the
     * cause when the job fails.
     */
    public RunSummary follow(JobClient client, boolean bounded) throws IOException, InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
        long interval = (progress.mode() == ProgressMode.TTY
                        ? ProgressReporter.TTY_INTERVAL
                        : ProgressReporter.LINE_INTERVAL)
                .toMillis();
        if (progress.mode() != ProgressMode.NONE) {
            progress.update(RunCounts.NONE);
            ticker.scheduleWithFixedDelay(() -> poll(client), interval, interval, TimeUnit.MILLISECONDS);
        }
        if (!bounded) {
            long every = reviewInterval.toMillis();
            ticker.scheduleWithFixedDelay(this::refreshReview, every, every, TimeUnit.MILLISECONDS);
        }
        JobExecutionResult result;
        try {
            result = client.getJobExecutionResult().get();
        } catch (ExecutionException e) {
            progress.abandon();
            Throwable root = CliErrors.rootCause(e);
            throw new IllegalStateException(
                    "the run failed: " + root.getClass().getSimpleName() + ": " + CliErrors.describe(root),
                    e.getCause());
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        }
        progress.finish(RunCounts.of(result.getAllAccumulatorResults()));
        if (!bounded) {
            refreshReview();
            return null;
        }
        List<Path> written = ownReportFiles();
        Optional<Path> gathered = RunReport.gather(reportDirectory, written);
        if (gathered.isPresent()) {
            written = List.of(gathered.get());
        }
        RunSummary summary = RunSummary.of(written, Duration.ofNanos(System.nanoTime() - started));
        summary.print(out);
        out.println("summary in " + summary.write(reportDirectory) + ", report lines in "
                + gathered.map(Path::toString).orElse(reportDirectory + " (none)")
                + (gathered.isPresent() ? " (also " + reportDirectory.resolve(RunReport.LATEST) + ")" : ""));
        writeReview(written);
        out.flush();
        return summary;
    }

    private List<Path> ownReportFiles() throws IOException {
        return reportFiles().stream()
                .filter(p -> !earlierReports.contains(p))
                .sorted()
                .toList();
    }

    /** Rewrites the review page when report files were committed since it was last written. */
    private void refreshReview() {
        try {
            List<Path> written = ownReportFiles();
            if (!written.equals(reviewed)) {
                writeReview(written);
            }
        } catch (IOException e) {
            reviewFailed(e);
        }
    }

    /** Writes the review page; a page that cannot be written is a warning, never a failed run. */
    private void writeReview(List<Path> written) {
        try {
            Path page = review.write(written);
            reviewed = written;
            if (!reviewAnnounced && !written.isEmpty()) {
                reviewAnnounced = true;
                out.println("review page: " + page.toUri());
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            reviewFailed(e);
        }
    }

    private void reviewFailed(Exception e) {
        if (!reviewFailed) {
            out.println("warning: review page not written: " + e.getMessage());
            out.flush();
        }
        reviewFailed = true;
    }

    private void poll(JobClient client) {
        try {
            Map<String, Object> accumulators = client.getAccumulators().get(5, TimeUnit.SECONDS);
            progress.update(RunCounts.of(accumulators));
        } catch (ExecutionException | TimeoutException e) {
            // the job is finishing or the cluster is busy: the next tick or the final line shows the counts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Path> reportFiles() throws IOException {
        if (!Files.isDirectory(reportDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reportDirectory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .toList();
        }
    }
}
