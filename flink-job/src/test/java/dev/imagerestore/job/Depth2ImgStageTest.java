package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.imagerestore.job.internal.TaskAdapter;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.job.task.Depth2ImgTask;
import dev.imagerestore.job.task.StageFailure;
import dev.imagerestore.job.task.internal.Depth2ImgProcessorFactory;
import dev.imagerestore.job.task.internal.Depth2ImgProcessorFactory.Translated;
import dev.imagerestore.job.task.internal.Depth2ImgProcessorFactory.Work;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthEstimators;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.models.translate.Encoding;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two halves of the {@code depth2img} device stage without a cluster: {@link Depth2ImgTask}
 * on the task thread (depth files, report label; dead letters through the job's {@link TaskAdapter})
 * and the processor of
 * {@link Depth2ImgProcessorFactory} on the worker (models on the resolved device, the estimator for
 * images without a file), with small random models.
 */
class Depth2ImgStageTest {

    private static final ImageEncoder ENCODER = ImageEncoder.builder().build();
    private static final InferenceDevice CPU = InferenceDevice.cpu(1);

    @TempDir
    static Path shared;

    @BeforeAll
    static void tinyModels() throws IOException {
        TinyDepthModels.write(shared);
    }

    private static Depth2ImgSettings settings(Path depthDirectory, String target) {
        return settings(depthDirectory, target, Encoding.NOISE);
    }

    private static Depth2ImgSettings settings(Path depthDirectory, String target, Encoding encoding) {
        return new Depth2ImgSettings(
                TinyDepthModels.translator(shared).toString(),
                target,
                0.5,
                6,
                2.0,
                7,
                encoding,
                "photo",
                32,
                8,
                2,
                depthDirectory == null ? null : depthDirectory.toString(),
                "depth",
                TinyDepthModels.estimator(shared).toString(),
                null,
                384);
    }

    private static DecodedImage decoded(String relativePath, int height, int width, int seed) {
        FloatImage colour = new SampleGenerator(seed).noisyScene(width, height, seed, 5);
        return new DecodedImage(relativePath, colour, Optional.empty(), "png", 1, 3);
    }

    private static void writeDepth(Path file, int height, int width) throws IOException {
        float[] ramp = new float[height * width];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 0.1f + 0.8f * (i / width) / (height - 1f);
        }
        Files.createDirectories(file.getParent());
        ImageFiles.write(FloatImage.wrap(1, height, width, 16, ramp), file);
    }

    @Test
    void depthFilesComeWithTheWorkItemAndTheEstimatorFillsInOnTheWorker(@TempDir Path input, @TempDir Path depths)
            throws Exception {
        writeDepth(input.resolve("a.depth.png"), 24, 40);
        writeDepth(depths.resolve("box/c.png"), 32, 32);
        Depth2ImgSettings settings = settings(depths, "night");
        Depth2ImgTask task = new Depth2ImgTask(settings, input);
        DecodedImage a = decoded("a.png", 24, 40, 1);
        DecodedImage b = decoded("b.png", 20, 36, 2);
        DecodedImage c = decoded("box/c.png", 32, 32, 3);

        Work sidecar = task.split(a).items().get(0);
        Work estimate = task.split(b).items().get(0);
        Work mirrored = task.split(c).items().get(0);

        assertThat(sidecar.depthSource()).isEqualTo("sidecar a.depth.png");
        assertThat(sidecar.depth().height()).isEqualTo(24);
        assertThat(mirrored.depthSource()).isEqualTo("depth-dir box/c.png");
        assertThat(estimate.depth()).as("no file: the worker estimates it").isNull();
        assertThat(estimate.imageId()).as("noise keyed by the relative path").isEqualTo("b.png".hashCode());

        ImageProcessor<Work, Translated> processor = new Depth2ImgProcessorFactory(settings).create(CPU);
        try {
            Translated translated = processor.process(estimate);
            assertThat(translated.depthSource()).startsWith("estimator built-in tiny-depth");
            assertThat(translated.image().toArray())
                    .as("the estimator's depth, the seed and the path's key")
                    .containsExactly(translateDirectly(settings, b.colour(), "b.png".hashCode()));

            TaskAdapter<DecodedImage, Void, Work, Translated> adapter = new TaskAdapter<>(task, ENCODER);
            Either<RestoredImage, DeadLetter> out =
                    adapter.assemble(b, adapter.split(b).plan(), List.of(translated));
            assertThat(out.isLeft()).isTrue();
            assertThat(out.left().task())
                    .isEqualTo(settings.describe(translated.depthSource()))
                    .contains("target=night", "steps=3", "depth=estimator built-in tiny-depth");
            assertThat(out.left().timingsMillis()).containsKeys("decode", Depth2ImgTask.NAME);
            assertThat(task.assemble(a, null, List.of(processor.process(sidecar)))
                            .label())
                    .contains("depth=sidecar a.depth.png");
        } finally {
            processor.close();
        }
    }

    /** What the processor must compute for an image without a depth file, from models loaded here on the CPU. */
    private static float[] translateDirectly(Depth2ImgSettings settings, FloatImage image, long imageId)
            throws IOException {
        try (DiffusionModel model = DiffusionModel.load(TinyDepthModels.translator(shared), Device.cpu());
                DepthEstimator estimator = DepthEstimators.load(TinyDepthModels.estimator(shared), Device.cpu())) {
            DepthGuidedTranslator translator = DepthGuidedTranslator.builder()
                    .setModel(model)
                    .optStrength(settings.strength())
                    .optSteps(settings.steps())
                    .optGuidance(settings.guidance())
                    .optSeed(settings.seed())
                    .optEncoding(settings.encoding())
                    .optSource(settings.source())
                    .optTileSize(settings.tileSize())
                    .optOverlap(settings.overlap())
                    .optBatchSize(settings.batch())
                    .build();
            return translator
                    .translate(image, estimator.estimate(image), settings.target(), imageId)
                    .toArray();
        }
    }

    @Test
    void theInversionEncodingReachesTheTranslatorAndTheReport(@TempDir Path input) throws Exception {
        Depth2ImgSettings settings = settings(null, "night", Encoding.INVERSION);
        Depth2ImgTask task = new Depth2ImgTask(settings, input);
        DecodedImage b = decoded("b.png", 20, 36, 2);

        ImageProcessor<Work, Translated> processor = new Depth2ImgProcessorFactory(settings).create(CPU);
        try {
            Translated translated = processor.process(task.split(b).items().get(0));
            assertThat(translated.image().toArray())
                    .as("inverted under photo, decoded to night")
                    .containsExactly(translateDirectly(settings, b.colour(), "b.png".hashCode()))
                    .isNotEqualTo(translateDirectly(settings(null, "night"), b.colour(), "b.png".hashCode()));
            assertThat(task.assemble(b, null, List.of(translated)).label())
                    .contains("target=night", "encoding=inversion source=photo")
                    .doesNotContain("seed=");
        } finally {
            processor.close();
        }
    }

    @Test
    void aBrokenDepthFileFailsItsImageBeforeTheDeviceAsOneDecodeDeadLetter(@TempDir Path input) throws Exception {
        Files.createDirectories(input.resolve("box"));
        Files.write(input.resolve("box/c.depth.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Depth2ImgTask task = new Depth2ImgTask(settings(null, "night"), input);
        TaskAdapter<DecodedImage, Void, Work, Translated> adapter = new TaskAdapter<>(task, ENCODER);
        DecodedImage c = decoded("box/c.png", 16, 16, 4);

        Throwable thrown = catchThrowable(() -> adapter.split(c));

        assertThat(thrown).isInstanceOf(StageFailure.class).hasMessageContaining("c.depth.png");
        Either<RestoredImage, DeadLetter> letter = adapter.failed(c, thrown);
        assertThat(letter.isRight()).isTrue();
        assertThat(letter.right().file()).isEqualTo("box/c.png");
        assertThat(letter.right().stage()).isEqualTo(PipelineStage.DECODE);
        assertThat(letter.right().reason()).isEqualTo(thrown.getCause().getMessage());
        assertThat(adapter.failed(c, new IllegalStateException("forward pass failed"))
                        .right()
                        .stage())
                .isEqualTo(PipelineStage.INFERENCE);
        assertThat(adapter.failed(c, new IOException("estimator weights unreadable"))
                        .right()
                        .stage())
                .as("an I/O error on the device is the model's")
                .isEqualTo(PipelineStage.INFERENCE);
        assertThat(adapter.failed(c, new StageFailure(PipelineStage.ENCODE, new IOException("disk full")))
                        .right())
                .isEqualTo(new DeadLetter("box/c.png", PipelineStage.ENCODE, "disk full"));
    }

    @Test
    void aGpuThatPyTorchDoesNotSeeIsRefusedBeforeAnyModelLoads() {
        assumeThat(Engine.getEngine("PyTorch").getGpuCount())
                .as("a machine without GPUs")
                .isZero();
        Depth2ImgProcessorFactory factory = new Depth2ImgProcessorFactory(settings(null, "night"));

        assertThatThrownBy(() -> factory.create(InferenceDevice.gpu(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Flink assigned GPU 0 but PyTorch sees 0 GPU(s)");
    }

    @Test
    void aTargetOutsideTheVocabularyFailsTheServiceAtCreation() {
        Depth2ImgProcessorFactory factory = new Depth2ImgProcessorFactory(settings(null, "sunset"));

        assertThatThrownBy(() -> factory.create(CPU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--target sunset is not in the vocabulary [night, photo]");
    }

    @Test
    void equalSettingsShareAModelKeyAndOtherSettingsDoNot() {
        assertThat(new Depth2ImgProcessorFactory(settings(null, "night")).modelKey())
                .isEqualTo(new Depth2ImgProcessorFactory(settings(null, "night")).modelKey())
                .isNotEqualTo(new Depth2ImgProcessorFactory(settings(null, "photo")).modelKey());
    }
}
