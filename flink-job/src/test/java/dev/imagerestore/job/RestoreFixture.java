package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonParser;
import dev.imagerestore.job.task.DenoiseTask;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.DeviceOption;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.InferenceSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

/**
 * What the job's cluster tests share (with {@link TinyModel}): a small CPU inference configuration,
 * the spec of a run, and
 * readers of what a run leaves in its output folder (visible files, hidden files, report lines).
 */
final class RestoreFixture {

    /** Longest wait for a running job to commit what was dropped. */
    static final Duration AWAIT_DEADLINE = Duration.ofMinutes(5);

    private static final ImageEncoder ENCODER = ImageEncoder.builder().build();

    private RestoreFixture() {}

    /** Single-threaded CPU inference on small tiles, so that images of a few dozen pixels span several tiles. */
    static Configuration smallCpuInference() {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.CPU);
        config.set(InferenceOptions.CPU_THREADS, 1);
        config.set(InferenceOptions.TILE_SIZE, 32);
        config.set(InferenceOptions.OVERLAP, 8);
        config.set(InferenceOptions.MAX_BATCH, 3);
        return config;
    }

    /** The spec of a denoising run of {@code model} (a {@link TinyModel}) at parallelism 2; {@code watch} empty for a bounded run. */
    static RestoreJobSpec spec(Path input, Path output, Path model, Optional<Duration> watch, Configuration config) {
        InferenceSettings inference = InferenceSettings.from(config);
        DenoiseTask task = DenoiseTask.builder(model, inference, TinyModel.CONFIG.sizeMultiple())
                .build();
        return new RestoreJobSpec(
                input,
                output,
                task,
                watch,
                Duration.ofMillis(500),
                List.of(),
                List.of(),
                1_000_000,
                Optional.empty(),
                false,
                inference,
                2);
    }

    /** The encoded bytes of {@code image} in {@code format}. */
    static byte[] encode(FloatImage image, OutputFormat format) throws IOException {
        return ENCODER.encode(image, Optional.empty(), format);
    }

    /** Writes {@code image} to {@code file} in {@code format}, creating the parent folders. */
    static void write(FloatImage image, Path file, OutputFormat format) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, encode(image, format));
    }

    /**
     * Starts, without waiting for it, the job that {@code restore} builds from {@code args}: the
     * command's own parsing and configuration, then {@link RestoreJob#define}, as a continuous run
     * started by the command line would be.
     */
    static JobClient start(String jobName, String... args) throws Exception {
        RestoreCommand command = new RestoreCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        Configuration config = command.configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, command.spec(config));
        return env.executeAsync(jobName);
    }

    /**
     * The arguments of a {@code restore} run of a tiny test model from {@code input} into
     * {@code output}: on the CPU, one thread, 32-pixel tiles overlapping by 8, then {@code more}.
     */
    static String[] tinyRun(Path model, Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "restore",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--model",
                model.toString(),
                "--device",
                "cpu",
                "--threads",
                "1",
                "--tile-size",
                "32",
                "--overlap",
                "8"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Every committed report line under {@code <output>/_report}. */
    static List<ReportLine> report(Path output) throws IOException {
        List<ReportLine> lines = new ArrayList<>();
        Path directory = output.resolve("_report");
        if (!Files.isDirectory(directory)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(ReportLine.parse(line));
                }
            }
        }
        return lines;
    }

    /** The {@code input} of each line reporting a restored image, in report order. */
    static List<String> restoredInputs(List<ReportLine> report) {
        return report.stream()
                .filter(l -> l.status().equals("ok"))
                .map(l -> JsonParser.parseString(l.toJson())
                        .getAsJsonObject()
                        .get("input")
                        .getAsString())
                .toList();
    }

    /** Regular files under {@code root} outside {@code _report/}, as sorted '/'-separated relative paths. */
    static List<String> visibleFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("_report/"))
                    .sorted()
                    .toList();
        }
    }

    /** Names under {@code root} (anywhere, {@code _report/} included) that start with a dot: temporary files. */
    static List<String> hiddenFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("."))
                    .toList();
        }
    }

    /** Asserts that {@code out} decodes with the size, bit depth and channel count of {@code in}. */
    static void assertSameGeometry(Path in, Path out) throws IOException {
        BufferedImage a = ImageIO.read(in.toFile());
        BufferedImage b = ImageIO.read(out.toFile());
        assertThat(b).as("%s is readable", out).isNotNull();
        assertThat(b.getWidth()).as("width of %s", out).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).as("height of %s", out).isEqualTo(a.getHeight());
        assertThat(b.getColorModel().getComponentSize(0))
                .as("bit depth of %s", out)
                .isEqualTo(a.getColorModel().getComponentSize(0));
        assertThat(b.getColorModel().getNumComponents())
                .isEqualTo(a.getColorModel().getNumComponents());
    }

    /**
     * Polls (no fixed sleep) until {@code expected} are all visible in {@code output} and the report
     * has at least as many lines, or fails at the deadline with what is there.
     */
    static void awaitOutputs(Path output, List<String> expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + AWAIT_DEADLINE.toNanos();
        List<String> visible = visibleFilesWhileWriting(output);
        List<ReportLine> report = report(output);
        while (!(visible.containsAll(expected) && report.size() >= expected.size())) {
            if (System.nanoTime() - deadline > 0) {
                fail(
                        "after %s: outputs %s and %d report lines; expected %s",
                        AWAIT_DEADLINE, visible, report.size(), expected);
            }
            Thread.sleep(100);
            visible = visibleFilesWhileWriting(output);
            report = report(output);
        }
    }

    /**
     * {@link #visibleFiles} of a tree a running job is still writing: a temporary file renamed between
     * the walk listing it and reading its attributes makes this poll see nothing, and the next one
     * looks again.
     */
    static List<String> visibleFilesWhileWriting(Path output) throws IOException {
        try {
            return visibleFiles(output);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Asserts that a run restored each of {@code expected} exactly once: exactly these outputs,
     * each decodable with its input's geometry, one report line each and no failure, no temporary
     * file left.
     */
    static void assertRestoredExactlyOnce(Path input, Path output, List<String> expected) throws IOException {
        assertThat(visibleFiles(output)).containsExactlyInAnyOrderElementsOf(expected);
        for (String file : expected) {
            assertSameGeometry(input.resolve(file), output.resolve(file));
        }
        List<ReportLine> report = report(output);
        assertThat(report)
                .as("no dead letter (nor an 'output exists' one from a replay)")
                .noneMatch(ReportLine::isFailure);
        assertThat(restoredInputs(report))
                .as("one report line per image")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hiddenFiles(output)).as("no temporary files are left behind").isEmpty();
    }
}
