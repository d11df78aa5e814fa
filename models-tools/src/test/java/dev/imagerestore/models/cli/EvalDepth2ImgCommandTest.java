package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.testing.TinyDepthEstimator;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDepth2ImgCommandTest {

    private static final UNetConfig CONFIG = new UNetConfig(3, 2, List.of(8, 16, 32), 1, false, 4, 2);
    private static final Pattern ROW =
            Pattern.compile("^(\\S+\\.png)\\s+estimator .*?((?:\\s+-?\\d+\\.\\d+)+)$", Pattern.MULTILINE);

    @TempDir
    static Path folder;

    private static Path images;
    private static Path model;
    private static Path estimator;

    @BeforeAll
    static void imagesModelAndEstimator() throws Exception {
        TorchThreads.configure(1);
        images = Files.createDirectories(folder.resolve("clean"));
        ImageFiles.write(SyntheticImages.textured(3, 24, 28, 1), images.resolve("a.png"));
        ImageFiles.write(SyntheticImages.textured(3, 20, 32, 2), images.resolve("b.png"));
        ImageFiles.write(SyntheticImages.textured(1, 24, 24, 3), images.resolve("c-gray.png"));
        model = folder.resolve("model");
        TestNetworks.save(
                model,
                new ModelCard(
                        ModelCard.FORMAT,
                        "tiny-depth2img",
                        "random weights for tests",
                        CONFIG,
                        DepthGuidedTranslator.CONDITIONS,
                        List.of("night", "photo"),
                        ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                        ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                        "eps",
                        null,
                        null,
                        Map.of()),
                5);
        estimator = TinyDepthEstimator.write(folder.resolve("estimator"), 16);
    }

    private static CliRun run(String... extra) {
        String[] base = {
            "eval",
            "depth2img",
            "--clean",
            images.toString(),
            "--model",
            model.toString(),
            "--depth-estimator",
            estimator.toString(),
            "--target",
            "night",
            "--steps",
            "4",
            "--tile-size",
            "16",
            "--overlap",
            "4",
            "--threads",
            "1"
        };
        return CliRun.of(base, extra);
    }

    /** Image name to the numbers of its row. */
    private static Map<String, double[]> rows(CliRun run) {
        return run.rows(ROW);
    }

    @Test
    void scoresEveryImageWithAndWithoutDepthAndTheInput() {
        CliRun run = run();
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("model tiny-depth2img, target night, strength 0.75, 3 DDIM steps, guidance 3.0, "
                        + "encoding noise, seed 0, 3 images");
        Map<String, double[]> rows = rows(run);
        assertThat(rows).containsOnlyKeys("a.png", "b.png", "c-gray.png");
        for (double[] row : rows.values()) {
            assertThat(row).hasSize(4);
            assertThat(row[0]).isBetween(-1.0, 1.0).isNotEqualTo(row[1]);
            assertThat(row[2]).isBetween(0.0, 1.0);
        }
        assertThat(run.out())
                .containsPattern("mean night s=0.75: SSIM with depth -?\\d\\.\\d{4}, without depth "
                        + "-?\\d\\.\\d{4}, input \\d\\.\\d{4}; \\d+\\.\\d{2} s/image");
    }

    @Test
    void theControlTranslatesToTheSourceLabelWithTheSameNoise() {
        CliRun plain = run();
        CliRun controlled = run("--control");
        assertThat(controlled.code()).as(controlled.err()).isZero();
        assertThat(controlled.out())
                .contains("SSIM control")
                .containsPattern(", control \\(to photo\\) -?\\d\\.\\d{4};");
        Map<String, double[]> before = rows(plain);
        Map<String, double[]> after = rows(controlled);
        for (String name : before.keySet()) {
            double[] a = before.get(name);
            double[] b = after.get(name);
            assertThat(b).hasSize(5);
            // the depth, ablation and input columns do not move; the control is a translation of its own
            assertThat(Arrays.copyOf(b, 3)).containsExactly(Arrays.copyOf(a, 3));
            assertThat(b[3]).isNotIn(b[0], b[1], b[2]);
        }
    }

    @Test
    void skippedImagesKeepTheirNoiseSoAPartOfARunMatchesTheWhole() {
        Map<String, double[]> whole = rows(run());
        CliRun part = run("--skip", "1", "--limit", "1");
        assertThat(part.code()).as(part.err()).isZero();
        assertThat(part.out()).contains(", 1 images");
        Map<String, double[]> rows = rows(part);
        assertThat(rows).containsOnlyKeys("b.png");
        assertThat(Arrays.copyOf(rows.get("b.png"), 3)).containsExactly(Arrays.copyOf(whole.get("b.png"), 3));
    }

    @Test
    void refusesAControlLabelOutsideTheVocabularyASkipPastTheEndAndABadStrength() {
        CliRun control = run("--control", "--source", "sepia-print");
        assertThat(control.code()).isEqualTo(2);
        assertThat(control.err())
                .contains("--control translates to --source sepia-print", "[night, photo]", "tiny-depth2img");
        CliRun skip = run("--skip", "3");
        assertThat(skip.code()).isEqualTo(2);
        assertThat(skip.err()).contains("no images found under", "after skipping 3 (it holds 3)");
        CliRun strength = run("--strength", "1.5");
        assertThat(strength.code()).isEqualTo(2);
        assertThat(strength.err()).contains("strength must be in (0, 1], got 1.5");
    }
}
