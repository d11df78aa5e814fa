package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.inference.DeviceOption;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.InferenceSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole restoration job on Flink's mini cluster over real files: mixed formats and bit depths in
 * nested folders, one corrupt file, a small randomly initialised model (the pipeline is under test,
 * not the model's quality).
 */
class RestoreJobITCase {

    @TempDir
    static Path shared;

    @BeforeAll
    static void tinyModel() throws IOException {
        TinyModels.save(shared.resolve("model"));
    }

    private static void writeInputs(Path input) throws IOException {
        SampleGenerator generator = new SampleGenerator(3);
        ImageEncoder encoder = ImageEncoder.builder().build();
        Files.createDirectories(input.resolve("box/sub"));
        write(encoder, generator.noisyScene(80, 48, 0, 20), input.resolve("a.png"), OutputFormat.PNG);
        write(encoder, generator.noisyScene(40, 72, 1, 20), input.resolve("box/b.jpg"), OutputFormat.JPEG);
        FloatImage deep = generator.noisyScene(50, 30, 2, 10).withBitDepth(16);
        write(encoder, deep, input.resolve("box/sub/c.png"), OutputFormat.PNG);
        write(encoder, generator.noisyScene(33, 21, 3, 15).toOneChannel(), input.resolve("box/d.tif"), OutputFormat.TIFF);
        Files.write(input.resolve("box/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    }

    private static void write(ImageEncoder encoder, FloatImage image, Path file, OutputFormat format) throws IOException {
        Files.write(file, encoder.encode(image, Optional.empty(), format));
    }

    private static void run(Path input, Path output) throws Exception {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.CPU);
        config.set(InferenceOptions.CPU_THREADS, 1);
        config.set(InferenceOptions.TILE_SIZE, 32);
        config.set(InferenceOptions.OVERLAP, 8);
        config.set(InferenceOptions.MAX_BATCH, 3);
        RestoreJobSpec spec = new RestoreJobSpec(input, output, List.of("denoise"), OptionalDouble.empty(),
                Optional.empty(), Duration.ofSeconds(1), List.of(), List.of(), 1_000_000, Optional.empty(), false,
                shared.resolve("model"), InferenceSettings.from(config), 2, 0, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, spec, TinyModels.TINY.sizeMultiple());
        env.execute("restore-itcase");
    }

    /** The lines of the run report under {@code output}. */
    static List<ReportLine> report(Path output) throws IOException {
        List<ReportLine> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(output.resolve("_report"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(ReportLine.parse(line));
                }
            }
        }
        return lines;
    }

    /** The files under {@code root} outside {@code _report/}, relative, sorted. */
    static List<String> visibleFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("_report/")).sorted().toList();
        }
    }

    @Test
    void batchRunRestoresEveryGoodFileAndReportsTheCorruptOne(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        writeInputs(input);

        run(input, output);

        assertThat(visibleFiles(output)).containsExactly("a.png", "box/b.jpg", "box/d.tif", "box/sub/c.png");
        assertSameGeometry(input.resolve("a.png"), output.resolve("a.png"));
        assertSameGeometry(input.resolve("box/b.jpg"), output.resolve("box/b.jpg"));
        assertSameGeometry(input.resolve("box/d.tif"), output.resolve("box/d.tif"));
        assertSameGeometry(input.resolve("box/sub/c.png"), output.resolve("box/sub/c.png"));
        List<ReportLine> report = report(output);
        assertThat(report).hasSize(5);
        assertThat(report.stream().filter(ReportLine::isFailure).toList()).singleElement()
                .satisfies(l -> assertThat(l.toJson()).contains("\"file\":\"box/broken.png\"", "\"stage\":\"decode\""));
        try (Stream<Path> all = Files.walk(output)) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
                    .as("no temporary files are left behind").isEmpty();
        }
    }

    @Test
    void aSecondRunKeepsExistingOutputsAndSaysSo(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        writeInputs(input);
        run(input, output);
        byte[] first = Files.readAllBytes(output.resolve("a.png"));
        long modified = Files.getLastModifiedTime(output.resolve("a.png")).toMillis();

        run(input, output);

        assertThat(Files.readAllBytes(output.resolve("a.png"))).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(output.resolve("a.png")).toMillis()).isEqualTo(modified);
        assertThat(visibleFiles(output)).containsExactly("a.png", "box/b.jpg", "box/d.tif", "box/sub/c.png");
    }

    private static void assertSameGeometry(Path in, Path out) throws IOException {
        BufferedImage a = ImageIO.read(in.toFile());
        BufferedImage b = ImageIO.read(out.toFile());
        assertThat(b).as("%s is readable", out).isNotNull();
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        assertThat(b.getColorModel().getComponentSize(0)).as("bit depth of %s", out)
                .isEqualTo(a.getColorModel().getComponentSize(0));
        assertThat(b.getColorModel().getNumComponents()).isEqualTo(a.getColorModel().getNumComponents());
    }
}
