package dev.imagerestore.operators.inpaint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.imagerestore.models.detect.LearnedDamageDetector;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.inpaint.SyntheticDamage;
import dev.imagerestore.models.testing.TinyDamageDetector;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.decode.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link AttachMasks} finds, reads, resizes or detects each image's mask, and dead-letters the rest. */
class AttachMasksTest {

    private static final ImageDecoder DECODER = ImageDecoder.builder().build();

    @TempDir
    Path root;

    @Test
    void sidecarMaskNextToTheImageIsResizedNearestNeighbourToTheImage() throws Exception {
        // A 4x6 mask with its right half white, for an 8x12 image: each mask pixel covers 2x2 image pixels.
        Mask quarter = Mask.box(4, 6, 0, 3, 4, 3);
        writeMask(root.resolve("box/scan.mask.png"), quarter);

        List<MaskedImage> masked =
                attach(MaskSource.sidecar(), image("box/scan.png", 8, 12)).outputs();

        assertThat(masked).hasSize(1);
        assertThat(masked.get(0).relativePath()).isEqualTo("box/scan.png");
        assertThat(masked.get(0).mask()).isEqualTo(Mask.box(8, 12, 0, 6, 8, 6));
    }

    @Test
    void withoutAMaskSourceEveryImageGetsAnEmptyMaskAndASidecarIsNotRead() throws Exception {
        writeMask(root.resolve("box/scan.mask.png"), Mask.box(8, 12, 0, 0, 8, 12));

        List<MaskedImage> masked =
                attach(MaskSource.none(), image("box/scan.png", 8, 12)).outputs();

        assertThat(masked).extracting(MaskedImage::mask).containsExactly(Mask.empty(8, 12));
        assertThat(MaskSource.none().isSidecar())
                .as("sidecar files stay inputs")
                .isFalse();
    }

    @Test
    void maskFolderMirrorsTheInputTree() throws Exception {
        Path masks = root.resolve("masks");
        Mask hole = Mask.box(10, 10, 2, 3, 4, 5);
        writeMask(masks.resolve("a/b/photo.mask.png"), hole);

        List<MaskedImage> masked = attach(MaskSource.directory(masks.toString()), image("a/b/photo.jpg", 10, 10))
                .outputs();

        assertThat(masked).extracting(MaskedImage::mask).containsExactly(hole);
    }

    @Test
    void missingOrUnreadableMasksBecomeDeadLettersNamingTheMaskFileAndTheJobGoesOn() throws Exception {
        Files.createDirectories(root.resolve("x"));
        Files.writeString(root.resolve("x/broken.mask.png"), "not a png");
        writeMask(root.resolve("x/good.mask.png"), Mask.box(5, 5, 1, 1, 2, 2));

        Attached result = attach(
                MaskSource.sidecar(),
                image("x/missing.png", 5, 5),
                image("x/broken.png", 5, 5),
                image("x/good.png", 5, 5));

        assertThat(result.outputs()).extracting(MaskedImage::relativePath).containsExactly("x/good.png");
        assertThat(result.deadLetters()).extracting(DeadLetter::file).containsExactly("x/missing.png", "x/broken.png");
        assertThat(result.deadLetters()).extracting(DeadLetter::stage).containsOnly(PipelineStage.MASK);
        assertThat(result.deadLetters().get(0).reason())
                .contains("x/missing.mask.png")
                .contains("not found")
                .contains("--mask auto");
        assertThat(result.deadLetters().get(1).reason())
                .contains("x/broken.mask.png")
                .contains("is not a readable image");
    }

    @Test
    void autoMasksAreWhatTheLearnedDetectorFindsInTheImageAtTheGivenThreshold() throws Exception {
        Path detector = TinyDamageDetector.write(root.resolve("detector"), 0.3);
        FloatImage clean = smoothGradient(96, 128);
        SyntheticDamage.Damaged scratched = SyntheticDamage.scratched(clean, SyntheticDamage.SCRATCH_COVERAGE, 3);
        DecodedImage image = new DecodedImage("auto.png", scratched.image(), Optional.empty(), "png", 1, 0);

        List<MaskedImage> masked =
                attach(MaskSource.learned(detector.toString(), 0.5), image).outputs();

        assertThat(masked).hasSize(1);
        try (LearnedDamageDetector direct = LearnedDamageDetector.load(
                detector,
                Device.cpu(),
                LearnedDamageDetector.DEFAULT_TILE_SIZE,
                LearnedDamageDetector.DEFAULT_OVERLAP,
                LearnedDamageDetector.DEFAULT_TILES_PER_BATCH)) {
            Mask expected = direct.detect(scratched.image(), 0.5);
            assertThat(masked.get(0).mask()).isEqualTo(expected);
            assertThat(expected.isEmpty())
                    .as("random weights flag something at one half")
                    .isFalse();
            assertThat(attach(MaskSource.learned(detector.toString(), Double.NaN), image)
                            .outputs()
                            .get(0)
                            .mask())
                    .as("without a threshold, the card's")
                    .isEqualTo(direct.detect(scratched.image()));
        }
    }

    private record Attached(List<MaskedImage> outputs, List<DeadLetter> deadLetters) {}

    private Attached attach(MaskSource source, DecodedImage... images) throws Exception {
        try (OneInputStreamOperatorTestHarness<DecodedImage, MaskedImage> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new AttachMasks(source, root.toString(), DECODER))) {
            for (DecodedImage image : images) {
                harness.processElement(image, 0);
            }
            List<DeadLetter> letters = harness.getSideOutput(DeadLetter.OUTPUT_TAG) == null
                    ? List.of()
                    : harness.getSideOutput(DeadLetter.OUTPUT_TAG).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            return new Attached(harness.extractOutputValues(), letters);
        }
    }

    private static DecodedImage image(String path, int height, int width) {
        return new DecodedImage(path, smoothGradient(height, width), Optional.empty(), "png", 1, 0);
    }

    private static FloatImage smoothGradient(int height, int width) {
        float[] samples = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    samples[(c * height + y) * width + x] = 0.3f + 0.3f * x / width + 0.1f * y / height + 0.05f * c;
                }
            }
        }
        return FloatImage.wrap(3, height, width, 8, samples);
    }

    private static void writeMask(Path file, Mask mask) throws Exception {
        Files.createDirectories(file.getParent());
        ImageFiles.write(mask.toImage(), file);
    }
}
