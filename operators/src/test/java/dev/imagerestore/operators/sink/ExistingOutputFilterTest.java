package dev.imagerestore.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExistingOutputFilterTest {

    @TempDir
    Path out;

    @Test
    void anExistingOutputIsReportedUnlessOverwriting() throws Exception {
        Files.createDirectories(out.resolve("a"));
        Files.writeString(out.resolve("a/old.png"), "already restored");
        DecodedImage existing = image("a/old.gif");
        DecodedImage fresh = image("a/new.png");
        ImageEncoder encoder = ImageEncoder.builder().build();

        try (OneInputStreamOperatorTestHarness<DecodedImage, DecodedImage> keep =
                ProcessFunctionTestHarnesses.forProcessFunction(new ExistingOutputFilter(out, encoder, false))) {
            keep.processElement(existing, 0);
            keep.processElement(fresh, 0);

            assertThat(keep.extractOutputValues()).containsExactly(fresh);
            assertThat(keep.getSideOutput(DeadLetter.OUTPUT_TAG)).extracting(StreamRecord::getValue).containsExactly(
                    DeadLetter.skipped("a/old.gif", PipelineStage.SINK, "output a/old.png exists; pass --overwrite to replace it"));
        }
        try (OneInputStreamOperatorTestHarness<DecodedImage, DecodedImage> replace =
                ProcessFunctionTestHarnesses.forProcessFunction(new ExistingOutputFilter(out, encoder, true))) {
            replace.processElement(existing, 0);

            assertThat(replace.extractOutputValues()).containsExactly(existing);
        }
    }

    private static DecodedImage image(String path) {
        String format = path.endsWith(".gif") ? "gif" : "png";
        return new DecodedImage(path, FloatImage.wrap(1, 1, 1, 8, new float[] {0}), Optional.empty(), format, 1, 0);
    }
}
