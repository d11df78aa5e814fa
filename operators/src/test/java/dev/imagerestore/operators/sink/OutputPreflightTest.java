package dev.imagerestore.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPreflightTest {

    @TempDir
    Path work;

    @Test
    void whatWouldMakeAWriteFailFailsThatFileAloneAndTheOthersGetTheirFolders() throws Exception {
        Path out = Files.createDirectories(work.resolve("out"));
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Files.write(out.resolve("blocked"), new byte[] {1});
        Files.createSymbolicLink(out.resolve("dangling.png"), out.resolve("nothing.png"));
        Files.createSymbolicLink(out.resolve("escape"), elsewhere);
        Files.createSymbolicLink(out.resolve("inner"), Files.createDirectories(out.resolve("real")));
        List<RestoredImage> images = List.of(
                image("blocked/a.png"),
                image("dangling.png"),
                image("escape/b.png"),
                image("n".repeat(252) + ".png"),
                image("new/deep/c.png"),
                image("inner/d.png"));

        try (OneInputStreamOperatorTestHarness<RestoredImage, RestoredImage> preflight =
                ProcessFunctionTestHarnesses.forProcessFunction(new OutputPreflight(out))) {
            for (RestoredImage image : images) {
                preflight.processElement(image, 0);
            }

            assertThat(preflight.extractOutputValues()).containsExactly(images.get(4), images.get(5));
            assertThat(preflight.getSideOutput(DeadLetter.OUTPUT_TAG))
                    .extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::reason)
                    .satisfiesExactly(
                            r -> assertThat(r)
                                    .isEqualTo("a file is where the output folder blocked should be; move it "
                                            + "away to restore this file"),
                            r -> assertThat(r)
                                    .isEqualTo("output dangling.png is a symbolic link; the job never writes "
                                            + "through links, remove it to restore this file"),
                            r -> assertThat(r).startsWith("output folder escape is a symbolic link out of the output"),
                            r -> assertThat(r)
                                    .endsWith(" is 256 bytes, above the file system limit of 255 (NAME_MAX); "
                                            + "shorten the input's name"));
        }
        assertThat(Files.isDirectory(out.resolve("new/deep"))).isTrue();
        try (var files = Files.list(elsewhere)) {
            assertThat(files)
                    .as("nothing is created through a link out of the output")
                    .isEmpty();
        }
    }

    private static RestoredImage image(String path) {
        return new RestoredImage(
                path, path, OutputFormat.PNG, new byte[1], 1, 1, 8, "copy", OptionalDouble.empty(), Map.of());
    }
}
