package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training command in its own JVM, stopped with SIGTERM (what Ctrl-C, {@code kill} and a
 * container stop send) while it trains: it must finish the step, checkpoint it and exit without a
 * crash log.
 */
class TrainCommandStopTest {

    private static final Pattern STOPPED = Pattern.compile("stopped on request after step (\\d+); .*");

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTrainingAfterTheCurrentStepWithACheckpointAndWithoutACrash() throws Exception {
        Path data = SyntheticImages.trainingFolder(dir.resolve("data"), 4, 1);
        Path work = dir.resolve("work");
        Path model = dir.resolve("model");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m",
                "-Dai.djl.offline=true",
                "-Doffline=true",
                "-cp",
                System.getProperty("java.class.path"),
                ModelsCli.class.getName(),
                "train",
                "--data",
                data.toString(),
                "--work",
                work.toString(),
                "--output",
                model.toString(),
                "--steps",
                "1000000",
                "--checkpoint-every",
                "1000000",
                "--crop",
                "16",
                "--batch",
                "2",
                "--widths",
                "16,16,32",
                "--res-blocks",
                "1",
                "--warmup",
                "1",
                "--threads",
                "1");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (lines.stream().noneMatch(l -> l.startsWith("step 50/"))
                    && process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(process.isAlive()).as("training, after: %s", lines).isTrue();
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close its output
            assertThat(process.waitFor(3, TimeUnit.MINUTES))
                    .as("exited, after: %s", lines)
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        reader.join(10_000);

        assertThat(process.exitValue()).as("the exit status of SIGTERM").isEqualTo(143);
        assertThat(lines).anyMatch(l -> l.startsWith("stop requested: finishing the current step"));
        Matcher stopped = lines.stream()
                .map(STOPPED::matcher)
                .filter(Matcher::matches)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'stopped on request' line in " + lines));
        long step = Long.parseLong(stopped.group(1));
        assertThat(step).isGreaterThanOrEqualTo(50);
        assertThat(ModelDirectory.readCard(model).training().steps())
                .as("the checkpointed step")
                .isEqualTo(step);
        assertThat(Files.isRegularFile(work.resolve("checkpoint").resolve("state.json")))
                .isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }
}
