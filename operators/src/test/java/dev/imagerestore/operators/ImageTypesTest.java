package dev.imagerestore.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.inpaint.MaskedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ImageTypesTest {

    @Test
    void typeExtractionFindsTheHandWrittenSerializers() {
        assertThat(TypeInformation.of(ImageFile.class)).isEqualTo(ImageTypes.IMAGE_FILE);
        assertThat(TypeInformation.of(DecodedImage.class)).isEqualTo(ImageTypes.DECODED_IMAGE);
        assertThat(TypeInformation.of(RestoredImage.class)).isEqualTo(ImageTypes.RESTORED_IMAGE);
        assertThat(TypeInformation.of(DeadLetter.class)).isEqualTo(ImageTypes.DEAD_LETTER);
        assertThat(TypeInformation.of(ReportLine.class)).isEqualTo(ImageTypes.REPORT_LINE);
        assertThat(TypeInformation.of(MaskedImage.class)).isEqualTo(ImageTypes.MASKED_IMAGE);
    }

    @Test
    void imageFilesRoundTripWithAndWithoutBytes() throws IOException {
        byte[] bytes = new byte[3000];
        new Random(1).nextBytes(bytes);
        ImageFile file = ImageFile.of("a/b c.png", 1234L, bytes);
        ImageFile withheld = ImageFile.withheld("big.tif", 5L << 30, 99L, "big.tif: too big");

        assertThat(roundTrip(ImageTypes.IMAGE_FILE, file)).isEqualTo(file);
        assertThat(roundTrip(ImageTypes.IMAGE_FILE, withheld)).isEqualTo(withheld);
    }

    @Test
    void decodedEightBitImageTravelsAsOneBytePerSampleBitExact() throws IOException {
        DecodedImage image = decoded(8, 3, 40, 30, true);

        int size = serialized(ImageTypes.DECODED_IMAGE, image).length;

        int samples = 3 * 40 * 30 + 40 * 30;
        assertThat(size).isBetween(samples, samples + 100);
        assertThat(roundTrip(ImageTypes.DECODED_IMAGE, image)).isEqualTo(image);
    }

    @Test
    void aPageOfAMultiPageFileTravelsWithItsPageNumber() throws IOException {
        DecodedImage single = decoded(8, 1, 4, 3, false);
        DecodedImage page = new DecodedImage(
                "d/book.tif", single.colour(), Optional.empty(), "tiff", 1, 5, single.metadata(), 2, 3);

        DecodedImage back = roundTrip(ImageTypes.DECODED_IMAGE, page);

        assertThat(back).isEqualTo(page);
        assertThat(back.pagePath()).isEqualTo("d/book.page-002.tif");
        RestoredImage restored = new RestoredImage(
                        "d/book.tif",
                        "d/book.page-002.tif",
                        OutputFormat.TIFF,
                        new byte[] {1},
                        4,
                        3,
                        8,
                        "denoise",
                        OptionalDouble.empty(),
                        Map.of())
                .withPage(2);
        DeadLetter letter = DeadLetter.of(page, PipelineStage.INFERENCE, new IOException("out of memory"));
        assertThat(roundTrip(ImageTypes.RESTORED_IMAGE, restored))
                .isEqualTo(restored)
                .isNotEqualTo(restored.withPage(0));
        assertThat(roundTrip(ImageTypes.DEAD_LETTER, letter)).isEqualTo(letter);
        assertThat(letter.page()).isEqualTo(2);
        assertThat(letter.reason()).isEqualTo("page 2 of 3: out of memory");
        assertThat(ReportLine.restored(restored).toJson())
                .startsWith(
                        "{\"status\":\"ok\",\"input\":\"d/book.tif\",\"page\":2,\"output\":\"d/book.page-002.tif\"");
        assertThat(ReportLine.failed(letter).toJson())
                .startsWith("{\"status\":\"failed\",\"input\":\"d/book.tif\",\"page\":2,\"stage\":");
    }

    @Test
    void decodedSixteenBitImageTravelsAsTwoBytesPerSampleBitExact() throws IOException {
        DecodedImage image = decoded(16, 1, 70, 20, true);

        int size = serialized(ImageTypes.DECODED_IMAGE, image).length;

        int samples = 2 * 70 * 20;
        assertThat(size).isBetween(2 * samples, 2 * samples + 100);
        assertThat(roundTrip(ImageTypes.DECODED_IMAGE, image)).isEqualTo(image);
    }

    @Test
    void samplesOffTheGridTravelAsFloatsUnchanged() throws IOException {
        float[] samples = {0.5f, -0.25f, 1.5f, Float.NaN, 0.123456f, 1f};
        DecodedImage image =
                new DecodedImage("x.png", FloatImage.wrap(1, 2, 3, 8, samples), Optional.empty(), "png", 1, 0);

        DecodedImage back = roundTrip(ImageTypes.DECODED_IMAGE, image);

        assertThat(back.colour().toArray()).containsExactly(samples);
        assertThat(serialized(ImageTypes.DECODED_IMAGE, image).length).isGreaterThan(4 * samples.length);
    }

    @Test
    void restoredImagesDeadLettersAndReportLinesRoundTrip() throws IOException {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", 3L);
        timings.put("inference", 250L);
        RestoredImage restored = new RestoredImage(
                "in/a.jpg",
                "in/a.jpg",
                OutputFormat.JPEG,
                new byte[] {1, 2, 3},
                640,
                480,
                8,
                "denoise",
                OptionalDouble.of(0.05),
                timings);
        DeadLetter letter = new DeadLetter("in/b.png", PipelineStage.DECODE, "in/b.png: file is empty");

        assertThat(roundTrip(ImageTypes.RESTORED_IMAGE, restored)).isEqualTo(restored);
        RestoredImage measured = restored.withMaskedFraction(0.25)
                .withRestorationMeasures(OptionalDouble.of(3.5), OptionalDouble.of(0.8))
                .withSideFile(new SideFile("in/a.mask.png", new byte[] {9, 8}));
        assertThat(roundTrip(ImageTypes.RESTORED_IMAGE, measured))
                .isEqualTo(measured)
                .isNotEqualTo(restored);
        assertThat(roundTrip(ImageTypes.RESTORED_IMAGE, restored)
                        .timingsMillis()
                        .keySet())
                .containsExactly("decode", "inference");
        assertThat(roundTrip(ImageTypes.DEAD_LETTER, letter)).isEqualTo(letter);
        assertThat(roundTrip(ImageTypes.REPORT_LINE, ReportLine.failed(letter))).isEqualTo(ReportLine.failed(letter));
    }

    private static DecodedImage decoded(int depth, int channels, int width, int height, boolean alpha) {
        Random random = new Random(7);
        int max = (1 << depth) - 1;
        float scale = 1f / max;
        float[] samples = new float[channels * width * height];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(max + 1) * scale;
        }
        short[] levels = new short[width * height];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (short) random.nextInt(max + 1);
        }
        return new DecodedImage(
                "d/e.png",
                FloatImage.wrap(channels, height, width, depth, samples),
                alpha ? Optional.of(AlphaPlane.wrap(width, height, depth, levels)) : Optional.empty(),
                "png",
                6,
                17);
    }

    static <T> byte[] serialized(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataInputDeserializer in = new DataInputDeserializer(serialized(type, value));
        T back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }
}
