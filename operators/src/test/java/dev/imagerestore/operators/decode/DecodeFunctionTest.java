package dev.imagerestore.operators.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.testing.TestImages;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeFunctionTest {

    @Test
    void goodFilesAreDecodedAndBadOnesBecomeDeadLetters() throws Exception {
        DecodeFunction function = new DecodeFunction(ImageDecoder.builder().build());
        try (OneInputStreamOperatorTestHarness<ImageFile, DecodedImage> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(function)) {
            byte[] png = TestImages.encode(TestImages.component(5, 4, false, false, 8, 1), "png");

            harness.processElement(ImageFile.of("good.png", 0, png), 0);
            harness.processElement(ImageFile.of("bad.png", 0, new byte[0]), 0);

            assertThat(harness.extractOutputValues()).extracting(DecodedImage::relativePath).containsExactly("good.png");
            List<DeadLetter> letters = harness.getSideOutput(DeadLetter.OUTPUT_TAG).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(letters).containsExactly(new DeadLetter("bad.png", PipelineStage.DECODE, "bad.png: file is empty"));
        }
    }
}
