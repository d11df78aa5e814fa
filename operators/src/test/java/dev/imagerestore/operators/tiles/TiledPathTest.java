package dev.imagerestore.operators.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileAccumulator;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.decode.ImagePages;
import dev.imagerestore.operators.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tiled path (split into chunks, restore each, stitch band by band, encode from the spool)
 * against the whole-image path (decode whole, restore the same tiles, blend, encode), with a
 * stand-in restoration that depends on each sample and on the tile's position, so a tile read from
 * the wrong rows or stitched in the wrong place changes the output.
 */
class TiledPathTest {

    private static final SplitIntoTiles.Cutting CUTTING = new SplitIntoTiles.Cutting(48, 8, 8, 3);

    @TempDir
    Path in;

    @TempDir
    Path out;

    private final ImageEncoder encoder = ImageEncoder.builder().build();

    /** A stand-in for the network: a tone curve of each sample, shifted by the tile's position. */
    private static float[] restore(float[] samples, TileRegion tile) {
        float[] result = new float[samples.length];
        float shift = ((tile.y() * 7 + tile.x() * 3) % 11) / 255f;
        for (int i = 0; i < samples.length; i++) {
            result[i] = 0.85f * samples[i] + 0.05f + shift + (i % 5) * 1e-4f;
        }
        return result;
    }

    @ParameterizedTest(name = "{0}: {1}x{2}, gray={3}, alpha={4}, {5}-bit")
    @CsvSource({
        "png, 203, 157, false, false, 8",
        "png, 130, 171, false, true, 16",
        "tiff, 211, 97, true, false, 16",
        "jpeg, 150, 121, false, false, 8",
        "png, 40, 300, true, false, 8"
    })
    void tiledOutputHasExactlyThePixelsOfTheWholeImagePath(
            String format, int width, int height, boolean gray, boolean alpha, int bits) throws Exception {
        BufferedImage source = TestImages.component(width, height, gray, alpha, bits, width * 31L + height);
        byte[] bytes = format.equals("jpeg") ? TestImages.jpeg(source) : TestImages.encode(source, format);
        String name = "scan." + (format.equals("jpeg") ? "jpg" : format.equals("tiff") ? "tif" : "png");
        Path file = in.resolve(name);
        Files.write(file, bytes);

        List<TileChunk> chunks = split(ImageFile.located(name, bytes.length, 0, file));
        TiledImage image = chunks.get(0).image();
        TileGrid grid = image.grid();
        assertThat(chunks).hasSize(image.chunks(grid));
        List<TileChunk> restored = new ArrayList<>();
        for (TileChunk chunk : chunks) {
            List<TileRegion> regions = chunk.regions(grid);
            List<float[]> outputs = new ArrayList<>();
            for (int k = 0; k < regions.size(); k++) {
                outputs.add(restore(TileChunk.tile(chunk.inputs(), k, grid.tileSize()), regions.get(k)));
            }
            restored.add(chunk.withOutputs(TileChunk.concat(outputs)));
        }
        Collections.shuffle(restored, new Random(3));
        List<ReportLine> lines = assemble(restored);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).status()).as(lines.get(0).toJson()).isEqualTo("ok");
        assertThat(lines.get(0).toJson()).contains("\"output\":\"" + name + "\"");

        DecodedImage whole = ImageDecoder.builder().build().decode(ImageFile.of(name, 0, bytes));
        TileAccumulator accumulator = new TileAccumulator(grid, whole.colour().channels(), whole.bitDepth());
        for (TileRegion tile : grid.tiles()) {
            accumulator.add(tile, restore(grid.extract(whole.colour(), tile, 3), tile));
        }
        FloatImage expected = accumulator.result();
        RestoredImage reference = encoder.restore(whole, expected, "restore", OptionalDouble.empty(), Map.of());

        DecodedImage tiled = decode(out.resolve(name));
        DecodedImage wholePath = ImageDecoder.builder().build().decode(ImageFile.of(name, 0, reference.encoded()));
        assertThat(tiled.colour().toArray()).containsExactly(wholePath.colour().toArray());
        assertThat(tiled.alpha().isPresent()).isEqualTo(alpha);
        if (alpha) {
            assertThat(TestImages.alphaLevels(tiled.alpha().get()))
                    .containsExactly(TestImages.alphaLevels(wholePath.alpha().get()));
        }
        assertThat(tiled.bitDepth()).isEqualTo(wholePath.bitDepth());
        assertThat(lines.get(0).toJson())
                .contains(String.format(
                                java.util.Locale.ROOT,
                                "\"rmsChange\":%.2f",
                                whole.colour().rmsChange(expected))
                        .substring(0, 14));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void eachPageOfAMultiPageTiffIsItsOwnTiledImage() throws Exception {
        byte[] tiff = TestImages.tiffPages(
                TestImages.component(70, 60, false, false, 8, 1), TestImages.component(50, 90, true, false, 16, 2));
        Path file = in.resolve("book.tif");
        Files.write(file, tiff);

        List<TileChunk> chunks = split(ImageFile.located("book.tif", tiff.length, 0, file));

        assertThat(chunks.stream().map(c -> c.image().pagePath()).distinct())
                .containsExactly("book.page-001.tif", "book.page-002.tif");
        List<ReportLine> lines = assemble(identity(chunks));
        assertThat(lines).extracting(ReportLine::status).containsExactly("ok", "ok");
        assertThat(Files.exists(out.resolve("book.page-001.tif"))).isTrue();
        assertThat(decode(out.resolve("book.page-002.tif")).colour().channels()).isEqualTo(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedChunkFailsItsImageOnceAndLeavesNoFileWhileOtherImagesAreWritten() throws Exception {
        byte[] png = TestImages.encode(TestImages.component(120, 130, false, false, 8, 4), "png");
        Files.write(in.resolve("a.png"), png);
        Files.write(in.resolve("b.png"), png);
        List<TileChunk> a = identity(split(ImageFile.located("a.png", png.length, 0, in.resolve("a.png"))));
        List<TileChunk> b = identity(split(ImageFile.located("b.png", png.length, 0, in.resolve("b.png"))));
        DeadLetter failure = new DeadLetter("a.png", PipelineStage.INFERENCE, "a.png: the model failed");

        List<Either<TileChunk, DeadLetter>> records = new ArrayList<>();
        records.add(Either.Left(a.get(0)));
        records.add(Either.Left(b.get(0)));
        records.add(Either.Right(failure));
        records.add(Either.Right(failure));
        a.subList(1, a.size()).forEach(c -> records.add(Either.Left(c)));
        b.subList(1, b.size()).forEach(c -> records.add(Either.Left(c)));
        List<ReportLine> lines = assembleRecords(records);

        assertThat(lines).extracting(ReportLine::status).containsExactly("failed", "ok");
        assertThat(lines.get(0).toJson()).contains("the model failed");
        assertThat(Files.exists(out.resolve("a.png"))).isFalse();
        assertThat(Files.exists(out.resolve("b.png"))).isTrue();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void filesHeldInMemoryGoWholeAndAnExistingOutputIsSkippedWithItsLine() throws Exception {
        byte[] png = TestImages.encode(TestImages.component(60, 60, false, false, 8, 5), "png");
        Files.write(in.resolve("kept.png"), png);
        Files.write(out.resolve("kept.png"), new byte[] {1});
        try (OneInputStreamOperatorTestHarness<ImageFile, TileChunk> split = splitter()) {
            split.processElement(ImageFile.of("small.png", 0, png), 0);
            split.processElement(ImageFile.located("kept.png", png.length, 0, in.resolve("kept.png")), 0);

            assertThat(split.extractOutputValues()).isEmpty();
            assertThat(split.getSideOutput(SplitIntoTiles.WHOLE))
                    .extracting(StreamRecord::getValue)
                    .extracting(ImageFile::relativePath)
                    .containsExactly("small.png");
            DeadLetter skipped =
                    split.getSideOutput(DeadLetter.OUTPUT_TAG).poll().getValue();
            assertThat(skipped.skipped()).isTrue();
            assertThat(skipped.reason()).isEqualTo("output kept.png exists; pass --overwrite to replace it");
        }
    }

    @Test
    void theNoiseProbeSeesASampleOfWindowsSpreadOverTheImageAndItsLevelTravelsWithEveryChunk() throws Exception {
        byte[] png = TestImages.encode(TestImages.component(700, 300, false, false, 8, 6), "png");
        Path file = in.resolve("n.png");
        Files.write(file, png);
        List<FloatImage> seen = new ArrayList<>();
        NoiseProbe probe = sample -> {
            seen.add(sample.get());
            return 12.5;
        };
        List<TileChunk> chunks;
        try (OneInputStreamOperatorTestHarness<ImageFile, TileChunk> split =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new SplitIntoTiles(in, out, encoder, false, Long.MAX_VALUE, CUTTING, probe))) {
            split.processElement(ImageFile.located("n.png", png.length, 0, file), 0);
            chunks = List.copyOf(split.extractOutputValues());
        }

        assertThat(seen).hasSize(1);
        FloatImage sample = seen.get(0);
        assertThat(sample.width()).as("5 windows of 128 across 700").isEqualTo(5 * 128);
        assertThat(sample.height()).as("2 windows of 128 down 300").isEqualTo(2 * 128);
        DecodedImage whole = ImageDecoder.builder().build().decode(ImageFile.of("n.png", 0, png));
        assertThat(sample.get(1, 130, 200))
                .as("window (1, 1) is the image's rows 172.. and columns 143..")
                .isEqualTo(whole.colour().get(1, 300 - 128 + 2, 143 + 72));
        assertThat(chunks).allSatisfy(c -> assertThat(c.image().noiseLevel()).isEqualTo(12.5));
        assertThat(assemble(identity(chunks)).get(0).toJson()).contains("\"noiseLevel\":12.5");
    }

    @Test
    void pagesAreSkippedAndRefusedWithTheWholeImagePathsLines() throws Exception {
        byte[] tiff = TestImages.tiffPages(
                TestImages.component(70, 60, false, false, 8, 1), TestImages.component(200, 150, false, false, 8, 2));
        Path file = in.resolve("book.tif");
        Files.write(file, tiff);
        Files.write(out.resolve("book.page-001.tif"), new byte[] {1});
        try (OneInputStreamOperatorTestHarness<ImageFile, TileChunk> split =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new SplitIntoTiles(in, out, encoder, false, 20_000, CUTTING))) {
            split.processElement(ImageFile.located("book.tif", tiff.length, 0, file), 0);

            assertThat(split.extractOutputValues()).isEmpty();
            assertThat(split.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .extracting(l -> l.page() + " " + l.skipped() + " " + l.reason())
                    .containsExactlyInAnyOrder(
                            "1 true page 1 of 2: output book.page-001.tif exists; pass --overwrite to replace it",
                            "2 false book.tif: page 2 of 2: image is 200x150 = 30 kpx, above --max-pixels = 20 kpx; "
                                    + "raise it with --max-pixels");
        }
    }

    @Test
    void anImageItsOutputFormatCannotHoldIsRefusedBeforeAnyTileIsCut() throws Exception {
        byte[] wide = TestImages.encode(TestImages.component(70_000, 2, true, false, 8, 3), "png");
        Path file = in.resolve("panorama.png");
        Files.write(file, wide);
        ImageEncoder jpeg = ImageEncoder.builder().optFormat(OutputFormat.JPEG).build();
        try (OneInputStreamOperatorTestHarness<ImageFile, TileChunk> split =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new SplitIntoTiles(in, out, jpeg, false, Long.MAX_VALUE, CUTTING))) {
            split.processElement(ImageFile.located("panorama.png", wide.length, 0, file), 0);

            assertThat(split.extractOutputValues()).isEmpty();
            assertThat(split.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .extracting(l -> l.stage() + " " + l.reason())
                    .containsExactly("ENCODE output panorama.jpg: a JPEG holds at most 65535 pixels a side, and this "
                            + "image is 70000x2; pass --format png, which holds any size");
        }
    }

    private static List<TileChunk> identity(List<TileChunk> chunks) {
        return chunks.stream().map(c -> c.withOutputs(c.inputs())).toList();
    }

    private OneInputStreamOperatorTestHarness<ImageFile, TileChunk> splitter() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(
                new SplitIntoTiles(in, out, encoder, false, Long.MAX_VALUE, CUTTING));
    }

    private List<TileChunk> split(ImageFile file) throws Exception {
        try (OneInputStreamOperatorTestHarness<ImageFile, TileChunk> split = splitter()) {
            split.processElement(file, 0);
            assertThat(split.getSideOutput(DeadLetter.OUTPUT_TAG)).isNull();
            return List.copyOf(split.extractOutputValues());
        }
    }

    private List<ReportLine> assemble(List<TileChunk> restored) throws Exception {
        return assembleRecords(restored.stream()
                .map(c -> Either.<TileChunk, DeadLetter>Left(c))
                .toList());
    }

    private List<ReportLine> assembleRecords(List<Either<TileChunk, DeadLetter>> records) throws Exception {
        try (OneInputStreamOperatorTestHarness<Either<TileChunk, DeadLetter>, ReportLine> assemble =
                ProcessFunctionTestHarnesses.forProcessFunction(new AssembleTiles(out, encoder, false, "restore"))) {
            for (Either<TileChunk, DeadLetter> record : records) {
                assemble.processElement(record, 0);
            }
            return List.copyOf(assemble.extractOutputValues());
        }
    }

    private static DecodedImage decode(Path file) throws IOException {
        try (ImagePages pages = ImageDecoder.builder().build().open(ImageFile.of("x", 0, Files.readAllBytes(file)))) {
            return pages.read(1);
        }
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(n -> n.startsWith("."))
                    .toList();
        }
    }
}
