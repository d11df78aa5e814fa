package dev.imagerestore.job;

import static dev.imagerestore.job.RestoreFixture.report;
import static dev.imagerestore.job.RestoreFixture.visibleFiles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.job.task.Depth2ImgTask;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.translate.Encoding;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.DeviceOption;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.InferenceSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code depth2img} task on Flink's mini cluster: images with a depth sidecar, without one (the
 * built-in estimator fills in) and with a broken one (a dead letter), small random models (the
 * pipeline is under test, not the models), and the same output at parallelism 1 and 3.
 */
class Depth2ImgJobITCase {

    @TempDir
    static Path shared;

    @BeforeAll
    static void tinyModels() throws IOException {
        TinyDepthModels.write(shared);
    }

    private static void writeInputs(Path input) throws IOException {
        SampleGenerator generator = new SampleGenerator(5);
        ImageEncoder encoder = ImageEncoder.builder().build();
        Files.createDirectories(input.resolve("box"));
        write(encoder, generator.noisyScene(48, 40, 0, 5), input.resolve("a.png"), OutputFormat.PNG);
        float[] ramp = new float[48 * 40];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 0.1f + 0.8f * (i / 48) / 39f;
        }
        write(encoder, FloatImage.wrap(1, 40, 48, 16, ramp), input.resolve("a.depth.png"), OutputFormat.PNG);
        write(encoder, generator.noisyScene(36, 52, 1, 5), input.resolve("box/b.png"), OutputFormat.PNG);
        write(encoder, generator.noisyScene(32, 32, 2, 5), input.resolve("box/c.png"), OutputFormat.PNG);
        Files.write(input.resolve("box/c.depth.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    }

    private static void write(ImageEncoder encoder, FloatImage image, Path file, OutputFormat format)
            throws IOException {
        Files.write(file, encoder.encode(image, Optional.empty(), format));
    }

    private static void run(Path input, Path output, int parallelism) throws Exception {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.CPU);
        config.set(InferenceOptions.CPU_THREADS, 1);
        Depth2ImgSettings settings = new Depth2ImgSettings(
                TinyDepthModels.translator(shared).toString(),
                "night",
                0.5,
                6,
                2.0,
                7,
                Encoding.NOISE,
                "photo",
                32,
                8,
                2,
                null,
                "depth",
                TinyDepthModels.estimator(shared).toString(),
                null,
                384);
        RestoreJobSpec spec = new RestoreJobSpec(
                input,
                output,
                new Depth2ImgTask(settings, input),
                Optional.empty(),
                Duration.ofSeconds(1),
                List.of(),
                List.of(),
                1_000_000,
                Optional.empty(),
                false,
                InferenceSettings.from(config),
                parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, spec);
        env.execute("depth2img-itcase");
    }

    @Test
    void sidecarEstimatorAndBrokenDepthAreHandledAndTheSeedFixesTheOutputAtAnyParallelism(@TempDir Path work)
            throws Exception {
        Path input = work.resolve("in");
        writeInputs(input);

        run(input, work.resolve("p1"), 1);
        run(input, work.resolve("p3"), 3);

        assertThat(visibleFiles(work.resolve("p1"))).containsExactly("a.png", "box/b.png");
        for (String file : List.of("a.png", "box/b.png")) {
            assertThat(pixels(work.resolve("p3").resolve(file)))
                    .as("%s at parallelism 3", file)
                    .isEqualTo(pixels(work.resolve("p1").resolve(file)));
        }
        List<ReportLine> report = report(work.resolve("p1"));
        assertThat(report.stream().filter(l -> !l.isSkipped()).toList()).hasSize(3);
        assertThat(report.stream().filter(ReportLine::isFailure).toList())
                .singleElement()
                .satisfies(l -> assertThat(l.toJson())
                        .contains("\"input\":\"box/c.png\"", "\"stage\":\"decode\"", "c.depth.png"));
        List<String> restored = report.stream()
                .filter(l -> l.status().equals("ok"))
                .map(ReportLine::toJson)
                .toList();
        assertThat(restored).anySatisfy(j -> assertThat(j).contains("depth=sidecar a.depth.png", "target=night"));
        assertThat(restored).anySatisfy(j -> assertThat(j).contains("depth=estimator built-in tiny-depth"));
    }

    /** The samples of an output: its bytes differ between runs by the provenance record's time. */
    private static Object pixels(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        return image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), null);
    }
}
