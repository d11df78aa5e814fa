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

            assertThat(harness.extractOutputValues())
                    .extracting(DecodedImage::relativePath)
                    .containsExactly("good.png");
            List<DeadLetter> letters = harness.getSideOutput(DeadLetter.OUTPUT_TAG).stream()
                    .map(StreamRecord::getValue)
                    .toList();
            assertThat(letters)
                    .containsExactly(new DeadLetter("bad.png", PipelineStage.DECODE, "bad.png: file is empty"));
        }
    }

    @Test
    void everyPageOfAMultiPageFileIsEmittedAndABadPageFailsAlone() throws Exception {
        DecodeFunction function =
                new DecodeFunction(ImageDecoder.builder().optMaxPixels(100).build());
        byte[] tiff = TestImages.tiffPages(
                TestImages.component(8, 8, false, false, 8, 1),
                TestImages.component(20, 20, false, false, 8, 2),
                TestImages.component(8, 8, false, false, 8, 3),
                TestImages.component(8, 8, true, false, 8, 4));
        try (OneInputStreamOperatorTestHarness<ImageFile, DecodedImage> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(function)) {

            harness.processElement(ImageFile.of("box/book.tif", 0, tiff), 0);

            assertThat(harness.extractOutputValues())
                    .extracting(DecodedImage::pagePath)
                    .containsExactly("box/book.page-001.tif", "box/book.page-003.tif", "box/book.page-004.tif");
            List<DeadLetter> letters = harness.getSideOutput(DeadLetter.OUTPUT_TAG).stream()
                    .map(StreamRecord::getValue)
                    .toList();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.file()).isEqualTo("box/book.tif");
                assertThat(letter.page()).isEqualTo(2);
                assertThat(letter.stage()).isEqualTo(PipelineStage.DECODE);
                assertThat(letter.reason()).startsWith("box/book.tif: page 2 of 4: image is 20x20");
            });
        }
    }
}
