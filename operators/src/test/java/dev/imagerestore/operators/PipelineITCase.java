package dev.imagerestore.operators;

import static dev.imagerestore.operators.testing.TestImages.alphaLevels;
import static dev.imagerestore.operators.testing.TestImages.levels;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.imagerestore.operators.commit.CommitStagedFiles;
import dev.imagerestore.operators.decode.DecodeFunction;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.report.ReportSink;
import dev.imagerestore.operators.sink.ExistingOutputFilter;
import dev.imagerestore.operators.sink.WriteRestoredFiles;
import dev.imagerestore.operators.source.ImageSources;
import dev.imagerestore.operators.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The I/O half of the job on a MiniCluster, with no model: read a folder through the image source,
 * decode, skip existing outputs, re-encode, write before the report line and commit through the image and report sinks.
 */
class PipelineITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path input;

    @TempDir
    Path output;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BATCH", "STREAMING"})
    void everyImageIsWrittenOnceAndEveryFileReported(String mode) throws Exception {
        byte[] rgba = TestImages.encode(TestImages.component(20, 10, false, true, 8, 1), "png");
        byte[] gray16 = TestImages.encode(TestImages.component(9, 7, true, false, 16, 2), "tiff", "Deflate");
        writeInput("a.png", rgba);
        writeInput("sub/b.tif", gray16);
        writeInput("c.gif", TestImages.gif(TestImages.palette(6, 6, new int[] {0x112233, 0xddeeff}, -1, 3)));
        writeInput("broken.jpg", "not a jpeg".getBytes());
        writeInput("d.png", rgba);
        writeInput(".hidden.png", rgba);
        writeInput("notes.txt", "ignored".getBytes());
        Files.writeString(output.resolve("d.png"), "restored by an earlier run");

        run(RuntimeExecutionMode.valueOf(mode));

        assertThat(allFiles(output))
                .filteredOn(f -> !f.startsWith("_report/"))
                .containsExactlyInAnyOrder("a.png", "sub/b.tif", "c.png", "d.png");
        assertThat(reportParts()).isNotEmpty().allMatch(name -> name.matches("part-[01]-[0-9a-f]{8}-\\d+\\.jsonl"));
        assertThat(Files.readString(output.resolve("d.png"))).isEqualTo("restored by an earlier run");
        assertSameImage("a.png", rgba);
        assertSameImage("sub/b.tif", gray16);
        assertThat(reportLines())
                .as("one line per entry under the input")
                .extracting(l ->
                        l.get("status").getAsString() + " " + l.get("input").getAsString()
                                + (l.has("stage") ? " " + l.get("stage").getAsString() : ""))
                .containsExactlyInAnyOrder(
                        "ok a.png",
                        "ok sub/b.tif",
                        "ok c.gif",
                        "failed broken.jpg decode",
                        "skipped d.png sink",
                        "skipped .hidden.png source",
                        "skipped notes.txt source");
    }

    private void run(RuntimeExecutionMode mode) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(mode);
        env.setParallelism(2);
        if (mode == RuntimeExecutionMode.STREAMING) {
            env.enableCheckpointing(200);
        }
        ImageEncoder encoder = ImageEncoder.builder().build();
        DataStream<ImageFile> files = env.fromSource(
                ImageSources.forDirectory(input).optIgnoreDirectory(output).build(),
                WatermarkStrategy.noWatermarks(),
                "images");
        SingleOutputStreamOperator<DecodedImage> decoded =
                files.process(new DecodeFunction(ImageDecoder.builder().build()));
        SingleOutputStreamOperator<DecodedImage> fresh =
                decoded.process(new ExistingOutputFilter(input, output, encoder, false));
        SingleOutputStreamOperator<RestoredImage> restored = fresh.process(new ReEncode(encoder));
        boolean streaming = mode == RuntimeExecutionMode.STREAMING;
        SingleOutputStreamOperator<RestoredImage> written = restored.process(
                        streaming
                                ? WriteRestoredFiles.atCheckpoints(output, false)
                                : WriteRestoredFiles.immediately(output, false))
                .returns(ImageTypes.RESTORED_IMAGE);
        if (streaming) {
            written.getSideOutput(WriteRestoredFiles.STAGED).sinkTo(new CommitStagedFiles());
        }
        DataStream<DeadLetter> failed = decoded.getSideOutput(DeadLetter.OUTPUT_TAG)
                .union(
                        fresh.getSideOutput(DeadLetter.OUTPUT_TAG),
                        restored.getSideOutput(DeadLetter.OUTPUT_TAG),
                        written.getSideOutput(DeadLetter.OUTPUT_TAG));
        written.map(ReportLine::restored)
                .returns(ImageTypes.REPORT_LINE)
                .union(failed.map(ReportLine::failed).returns(ImageTypes.REPORT_LINE))
                .sinkTo(ReportSink.builder().setOutputDirectory(output).build());
        env.execute("pipeline " + mode);
    }

    /** Stands in for the model: the decoded image is "restored" as it is. */
    static final class ReEncode extends ProcessFunction<DecodedImage, RestoredImage> {
        private final ImageEncoder encoder;

        ReEncode(ImageEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public void processElement(DecodedImage image, Context ctx, Collector<RestoredImage> out) {
            try {
                out.collect(encoder.restore(
                        image, image.colour(), "copy", OptionalDouble.empty(), Map.of("decode", image.decodeMillis())));
            } catch (IOException e) {
                ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(image.relativePath(), PipelineStage.ENCODE, e));
            }
        }
    }

    private void assertSameImage(String path, byte[] original) throws IOException {
        ImageDecoder decoder = ImageDecoder.builder().build();
        DecodedImage expected = decoder.decode(ImageFile.of(path, 0, original));
        DecodedImage actual = decoder.decode(ImageFile.of(path, 0, Files.readAllBytes(output.resolve(path))));
        assertThat(actual.bitDepth()).isEqualTo(expected.bitDepth());
        for (int c = 0; c < expected.colour().channels(); c++) {
            assertThat(levels(actual.colour(), c)).containsExactly(levels(expected.colour(), c));
        }
        assertThat(actual.alpha().map(a -> alphaLevels(a)).orElse(null))
                .isEqualTo(expected.alpha().map(a -> alphaLevels(a)).orElse(null));
    }

    private void writeInput(String relative, byte[] bytes) throws IOException {
        Path file = input.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    }

    private List<String> reportParts() throws IOException {
        try (Stream<Path> parts = Files.list(output.resolve(ReportSink.DIRECTORY))) {
            return parts.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<JsonObject> reportLines() throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        for (String part : reportParts()) {
            for (String line :
                    Files.readAllLines(output.resolve(ReportSink.DIRECTORY).resolve(part))) {
                lines.add(ReportJson.parse(line));
            }
        }
        return lines;
    }

    private static List<String> allFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
