package dev.imagerestore.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportJson;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExistingOutputFilterTest {

    @TempDir
    Path out;

    @TempDir
    Path in;

    @Test
    void anExistingOutputIsReportedUnlessOverwriting() throws Exception {
        Files.createDirectories(out.resolve("a"));
        Files.writeString(out.resolve("a/old.png"), "already restored");
        DecodedImage existing = image("a/old.gif");
        DecodedImage fresh = image("a/new.png");
        ImageEncoder encoder = ImageEncoder.builder().build();

        try (OneInputStreamOperatorTestHarness<DecodedImage, DecodedImage> keep =
                ProcessFunctionTestHarnesses.forProcessFunction(new ExistingOutputFilter(in, out, encoder, false))) {
            keep.processElement(existing, 0);
            keep.processElement(fresh, 0);

            assertThat(keep.extractOutputValues()).containsExactly(fresh);
            assertThat(keep.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .containsExactly(DeadLetter.skipped(
                            "a/old.gif",
                            PipelineStage.SINK,
                            "output a/old.png exists; pass --overwrite to replace it"));
        }
        try (OneInputStreamOperatorTestHarness<DecodedImage, DecodedImage> replace =
                ProcessFunctionTestHarnesses.forProcessFunction(new ExistingOutputFilter(in, out, encoder, true))) {
            replace.processElement(existing, 0);

            assertThat(replace.extractOutputValues()).containsExactly(existing);
        }
    }

    @Test
    void anOutputThisProjectRestoredFromThisInputThatNoReportNamesGetsItsOkLineInsteadOfBeingSkipped()
            throws Exception {
        ImageEncoder encoder = ImageEncoder.builder().build();
        DecodedImage stopped = image("a/stopped.png");
        DecodedImage reported = image("a/reported.png");
        DecodedImage other = image("a/other.png");
        DecodedImage foreign = image("a/foreign.png");
        for (DecodedImage written : new DecodedImage[] {stopped, reported, foreign}) {
            RestoredImage restored =
                    encoder.restore(written, written.colour(), "denoise", OptionalDouble.empty(), Map.of());
            Files.createDirectories(out.resolve("a"));
            Files.write(out.resolve(written.relativePath()), restored.encoded());
        }
        // an output restored from another input (a copy of the stopped one) is not that input's work
        Files.copy(out.resolve("a/stopped.png"), out.resolve("a/other.png"));
        Files.createDirectories(out.resolve("_report"));
        Files.writeString(
                out.resolve("_report/run-1.jsonl"),
                "{\"status\":\"ok\",\"input\":\"a/reported.png\"," + "\"output\":\"a/reported.png\",\"run\":\"1\"}\n");
        Files.writeString(out.resolve("a/foreign.png"), "a file of the user's");

        try (OneInputStreamOperatorTestHarness<DecodedImage, DecodedImage> filter =
                ProcessFunctionTestHarnesses.forProcessFunction(new ExistingOutputFilter(in, out, encoder, false))) {
            for (DecodedImage image : new DecodedImage[] {stopped, reported, other, foreign}) {
                filter.processElement(image, 0);
            }

            assertThat(filter.extractOutputValues()).isEmpty();
            assertThat(filter.getSideOutput(ExistingOutputFilter.RECOVERED))
                    .extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(line -> {
                        assertThat(line.status()).isEqualTo("ok");
                        assertThat(ReportJson.parse(line.toJson()).get("input").getAsString())
                                .isEqualTo("a/stopped.png");
                        assertThat(line.toJson()).contains("\"output\":\"a/stopped.png\"", "\"recovered\":");
                    });
            assertThat(filter.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::file)
                    .containsExactly("a/reported.png", "a/other.png", "a/foreign.png");
        }
    }

    @Test
    void aPageWhoseOutputNameIsAlsoAnInputFilesFailsWithALineAndTheFileIsRestored() throws Exception {
        Files.writeString(in.resolve("book.page-002.tif"), "a scan of its own");
        ImageEncoder encoder = ImageEncoder.builder().build();
        DecodedImage page1 = page("book.tif", 1, 2);
        DecodedImage page2 = page("book.tif", 2, 2);
        DecodedImage single = image("book.page-002.tif");

        try (OneInputStreamOperatorTestHarness<DecodedImage, DecodedImage> filter =
                ProcessFunctionTestHarnesses.forProcessFunction(new ExistingOutputFilter(in, out, encoder, false))) {
            filter.processElement(page1, 0);
            filter.processElement(page2, 0);
            filter.processElement(single, 0);

            assertThat(filter.extractOutputValues()).containsExactly(page1, single);
            DeadLetter letter =
                    filter.getSideOutput(DeadLetter.OUTPUT_TAG).poll().getValue();
            assertThat(letter.file()).isEqualTo("book.tif");
            assertThat(letter.page()).isEqualTo(2);
            assertThat(letter.skipped()).isFalse();
            assertThat(letter.reason())
                    .contains(
                            "page 2 of 2: ",
                            "its output name book.page-002.tif is also that of "
                                    + "the input file book.page-002.tif, which is restored instead; rename one of them");
        }
    }

    private static DecodedImage page(String path, int page, int pages) {
        return new DecodedImage(
                path,
                FloatImage.wrap(1, 1, 1, 8, new float[] {0}),
                Optional.empty(),
                "tiff",
                1,
                0,
                dev.imagerestore.operators.ImageMetadata.NONE,
                page,
                pages);
    }

    private static DecodedImage image(String path) {
        String format = path.endsWith(".gif") ? "gif" : "png";
        return new DecodedImage(path, FloatImage.wrap(1, 1, 1, 8, new float[] {0}), Optional.empty(), format, 1, 0);
    }
}
