package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.imagerestore.job.review.ReviewPage;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review page of a continuous run follows the report files it commits, while the job runs. */
class LocalRunTest {

    private static final Duration DEADLINE = Duration.ofMinutes(1);

    @TempDir
    Path work;

    @Test
    void aContinuousRunRefreshesTheReviewPageAsReportFilesAreCommitted() throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        Path report = Files.createDirectories(output.resolve("_report"));
        image(input.resolve("a.png"));
        image(output.resolve("a.png"));
        image(input.resolve("b.png"));
        image(output.resolve("b.png"));
        StringWriter printed = new StringWriter();
        LocalRun run = new LocalRun(
                input,
                output,
                1_000_000,
                new ProgressReporter(new PrintWriter(printed), ProgressMode.NONE, null),
                new PrintWriter(printed),
                Duration.ofMillis(50));
        EndsWhenTold job = new EndsWhenTold();
        ExecutorService follower = Executors.newSingleThreadExecutor();
        try {
            Future<RunSummary> following = follower.submit(() -> run.follow(job, false));

            commit(report.resolve("part-0-r-0.jsonl"), line("a.png"));
            awaitData(report, "a.png");
            commit(report.resolve("part-0-r-1.jsonl"), line("b.png"));
            awaitData(report, "b.png");
            job.end();

            assertThat(following.get(1, TimeUnit.MINUTES))
                    .as("a continuous run has no summary")
                    .isNull();
        } finally {
            follower.shutdownNow();
        }
        assertThat(printed.toString())
                .doesNotContain("warning")
                .containsOnlyOnce(
                        "review page: " + report.resolve(ReviewPage.PAGE).toUri());
        assertThat(Files.readString(report.resolve(ReviewPage.DATA))).contains("a.png", "b.png");
    }

    private static void awaitData(Path report, String expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Path data = report.resolve(ReviewPage.DATA);
        while (!(Files.exists(data)
                && Files.readString(data, StandardCharsets.UTF_8).contains(expected))) {
            if (System.nanoTime() - deadline > 0) {
                fail("after %s the review page does not list %s", DEADLINE, expected);
            }
            Thread.sleep(20);
        }
    }

    /** Writes a report file as the report sink commits one: a hidden file renamed into place. */
    private static void commit(Path file, String content) throws IOException {
        Path hidden = file.resolveSibling("." + file.getFileName() + ".inprogress");
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.move(hidden, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String line(String file) {
        return "{\"status\":\"ok\",\"input\":\"" + file + "\",\"output\":\"" + file + "\",\"task\":\"denoise\","
                + "\"noiseLevel\":3.0,\"timingsMs\":{\"inference\":10},\"run\":\"r\"}\n";
    }

    private static void image(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FloatImage gray = FloatImage.wrap(1, 8, 8, 8, new float[64]);
        Files.write(file, ImageEncoder.builder().build().encode(gray, Optional.empty(), OutputFormat.PNG));
    }

    /** A job that runs until {@link #end()} and has no accumulators. */
    private static final class EndsWhenTold implements JobClient {

        private final JobID id = new JobID();
        private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();

        void end() {
            result.complete(new JobExecutionResult(id, 1, Map.of()));
        }

        @Override
        public JobID getJobID() {
            return id;
        }

        @Override
        public CompletableFuture<JobStatus> getJobStatus() {
            return CompletableFuture.completedFuture(result.isDone() ? JobStatus.FINISHED : JobStatus.RUNNING);
        }

        @Override
        public CompletableFuture<Void> cancel() {
            end();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> stopWithSavepoint(boolean drain, String directory, SavepointFormatType type) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no savepoints"));
        }

        @Override
        public CompletableFuture<String> triggerSavepoint(String directory, SavepointFormatType type) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no savepoints"));
        }

        @Override
        public CompletableFuture<Map<String, Object>> getAccumulators() {
            return CompletableFuture.completedFuture(Map.of());
        }

        @Override
        public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
            return result;
        }
    }
}
