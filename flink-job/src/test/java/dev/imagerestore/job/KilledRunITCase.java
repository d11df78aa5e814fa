package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run killed with SIGKILL three times, at different points of its batch, and run again
 * each time: every output that was finished before a kill survives it unchanged, the last run does
 * only what is left, and the final outputs are byte-identical to those of an undisturbed run of the
 * same images, with exactly one "ok" line per image over all the reports the four runs left and no
 * temporary file. Every run has {@code SOURCE_DATE_EPOCH} set, which dates the provenance records;
 * without it their times differ, and nothing else does.
 *
 * <p>The job runs as the {@code restore} command in a JVM of its own, as a user starts it, so the
 * kill takes the whole mini cluster down with no chance to clean up.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class KilledRunITCase {

    private static final int IMAGES = 24;
    private static final int[] KILL_AFTER_OUTPUTS = {3, 10, 17};

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void threeKillsLoseNoFinishedOutputAndEndAsAnUndisturbedRunWithOneOkLinePerImage(@TempDir Path work)
            throws Exception {
        Path input = work.resolve("in");
        SampleGenerator generator = new SampleGenerator(5);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            String name = "box-" + (i % 3) + "/scan-" + i + ".png";
            RestoreFixture.write(generator.noisyScene(160, 128, i, 15), input.resolve(name), OutputFormat.PNG);
            names.add(name);
        }
        Path reference = work.resolve("reference");
        assertThat(restore(work, input, reference, "reference").waitFor(3, TimeUnit.MINUTES))
                .isTrue();
        RestoreFixture.assertRestoredExactlyOnce(input, reference, names);

        Path output = work.resolve("out");
        List<String> unreported = new ArrayList<>();
        for (int k = 0; k < KILL_AFTER_OUTPUTS.length; k++) {
            Process run = restore(work, input, output, "killed-" + k);
            Map<String, byte[]> finished =
                    awaitOutputs(output, KILL_AFTER_OUTPUTS[k], run, work.resolve("killed-" + k + ".log"));
            assertThat(run.isAlive())
                    .as("run %d is still working when it is killed", k)
                    .isTrue();
            run.destroyForcibly().waitFor();
            assertThat(finished.size())
                    .as("run %d was killed before the end of its batch", k)
                    .isLessThan(IMAGES);
            for (Map.Entry<String, byte[]> file : finished.entrySet()) {
                assertThat(Files.readAllBytes(output.resolve(file.getKey())))
                        .as("%s, finished before kill %d, survives it unchanged", file.getKey(), k)
                        .isEqualTo(file.getValue());
            }
            List<String> reported = RestoreFixture.restoredInputs(RestoreFixture.report(output));
            finished.keySet().stream()
                    .filter(name -> !reported.contains(name) && !unreported.contains(name))
                    .forEach(unreported::add);
        }
        Process last = restore(work, input, output, "last");
        assertThat(last.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(last.exitValue())
                .as(Files.readString(work.resolve("last.log")))
                .isZero();

        RestoreFixture.assertRestoredExactlyOnce(input, output, names);
        List<ReportLine> report = RestoreFixture.report(output);
        assertThat(report.stream().filter(l -> l.status().equals("ok")).count())
                .as("one ok line per image over the four runs' reports")
                .isEqualTo(IMAGES);
        for (String name : names) {
            assertThat(Files.mismatch(output.resolve(name), reference.resolve(name)))
                    .as("%s is byte for byte as an undisturbed run wrote it", name)
                    .isEqualTo(-1L);
        }
        List<String> recovered = report.stream()
                .map(l -> JsonParser.parseString(l.toJson()).getAsJsonObject())
                .filter(l -> l.has("recovered"))
                .map(l -> l.get("input").getAsString())
                .toList();
        assertThat(recovered)
                .as("outputs a kill left without their line get it, as recovered, from a later run")
                .containsAll(unreported);
    }

    /** Waits until at least {@code count} outputs are visible (temporary files aside) and returns them with their bytes. */
    private static Map<String, byte[]> awaitOutputs(Path output, int count, Process run, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            List<String> visible = RestoreFixture.visibleFilesWhileWriting(output).stream()
                    .filter(name -> !Path.of(name).getFileName().toString().startsWith("."))
                    .toList();
            if (visible.size() >= count) {
                Map<String, byte[]> finished = new HashMap<>();
                for (String name : visible) {
                    finished.put(name, Files.readAllBytes(output.resolve(name)));
                }
                return finished;
            }
            assertThat(run.isAlive())
                    .as("the run ended before %d outputs: %s", count, Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            assertThat(System.nanoTime() - deadline)
                    .as("%d outputs within 3 minutes", count)
                    .isNegative();
            Thread.sleep(5);
        }
    }

    /** The restore command in a JVM of its own, its output in {@code <work>/<name>.log}. */
    private static Process restore(Path work, Path input, Path output, String name) throws IOException {
        ProcessBuilder run = CliRun.inOwnJvm(
                work.resolve(name + ".log"),
                RestoreFixture.tinyRun(MODEL.directory(), input, output, "--parallelism", "1"));
        run.environment().put("SOURCE_DATE_EPOCH", "1767225600");
        return run.start();
    }
}
