package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDepth2ImgBoundCommandTest {

    /** Image name, then oracle PSNR and (oracle, input) SSIM for pencil-sketch, sepia-print and night. */
    private static final Pattern ROW = Pattern.compile("^(\\S+\\.png)((?:\\s+-?\\d+\\.\\d+){7})$", Pattern.MULTILINE);

    @TempDir
    static Path folder;

    private static Path images;
    private static Path model;

    @BeforeAll
    static void imagesAndCard() throws Exception {
        TorchThreads.configure(1);
        images = Files.createDirectories(folder.resolve("clean"));
        ImageFiles.write(SyntheticImages.textured(3, 40, 48, 1), images.resolve("a.png"));
        ImageFiles.write(SyntheticImages.textured(1, 36, 44, 2), images.resolve("b-gray.png"));
        ImageFiles.write(SyntheticImages.textured(1, 36, 44, 2), images.resolve("b-gray.depth.png"));
        UNetConfig config = new UNetConfig(3, 2, List.of(8, 16, 32), 1, false, 4, 2);
        model = folder.resolve("model");
        TestNetworks.save(
                model,
                new ModelCard(
                        ModelCard.FORMAT,
                        "tiny-cosine",
                        "schedule for tests",
                        config,
                        DepthGuidedTranslator.CONDITIONS,
                        List.of("night", "photo"),
                        ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                        ModelCard.Schedule.of(NoiseSchedule.cosine(1000, 0.008)),
                        "eps",
                        null,
                        null,
                        Map.of()),
                7);
    }

    private static CliRun run(String... extra) {
        String[] base = {"eval", "depth2img-bound", "--clean", images.toString(), "--model", model.toString()};
        return CliRun.of(base, extra);
    }

    private static Map<String, double[]> rows(CliRun run) {
        return run.rows(ROW);
    }

    @Test
    void strengthSetsTheNoiseOfTheSchedule() {
        CliRun run = run("--strength", "0.75");
        assertThat(run.code()).as(run.err()).isZero();
        // cosine schedule (s = 0.008) at t = 0.75 x 999: sqrt(alpha_bar) = 0.3795, so sigma = 0.9252 / (2 x 0.3795)
        assertThat(run.out())
                .contains("keeps 0.3795 of its amplitude under noise of 0.9252")
                .contains("sigma 310.9/255")
                .contains("2 images");
        assertThat(rows(run)).containsOnlyKeys("a.png", "b-gray.png");
    }

    @Test
    void littleNoiseBeatsTheInputForEveryLookAndMuchNoiseDoesNotForSepia() {
        for (double[] row : rows(run("--strength", "0.02")).values()) {
            assertThat(row[0]).as("oracle PSNR").isGreaterThan(35);
            for (int look = 0; look < 3; look++) {
                assertThat(row[1 + 2 * look])
                        .as("look %d", look)
                        .isGreaterThan(row[2 + 2 * look])
                        .isGreaterThan(0.95);
            }
        }
        for (double[] row : rows(run("--strength", "0.75")).values()) {
            assertThat(row[0]).as("oracle PSNR").isLessThan(25);
            assertThat(row[3]).as("sepia-print oracle").isLessThan(row[4]);
        }
    }

    @Test
    void sigmaReplacesTheStrengthAndTheSeedTheNoise() {
        CliRun run = run("--sigma", "25");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("sigma 25.0/255 on the image (--sigma)")
                .contains("mean sigma 25.0: oracle PSNR");
        Map<String, double[]> first = rows(run);
        assertThat(rows(run("--sigma", "25"))).usingRecursiveComparison().isEqualTo(first);
        assertThat(rows(run("--sigma", "25", "--seed", "1")).get("a.png")).isNotEqualTo(first.get("a.png"));
    }

    @Test
    void refusesBadSettings() {
        CliRun both = run("--sigma", "25", "--strength", "0.5");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both").contains("0.5").contains("25.0");
        CliRun strength = run("--strength", "0");
        assertThat(strength.code()).isEqualTo(2);
        assertThat(strength.err()).contains("--strength must be in (0, 1], got 0.0");
        CliRun skip = run("--skip", "5");
        assertThat(skip.code()).isEqualTo(2);
        assertThat(skip.err()).contains("no images found").contains("after skipping 5 (it holds 2)");
    }
}
