package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.RestorationNetwork;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRestoreCommandTest {

    private static final UNetConfig TINY = RestorationNetwork.architecture(List.of(8, 16, 32), 1, false, 4);

    @TempDir
    static Path folder;

    private static Path images;
    private static Path model;

    @BeforeAll
    static void imagesAndModel() throws Exception {
        TorchThreads.configure(1);
        images = Files.createDirectories(folder.resolve("clean"));
        ImageFiles.write(SyntheticImages.textured(3, 40, 48, 1), images.resolve("a.png"));
        ImageFiles.write(SyntheticImages.textured(3, 36, 44, 2), images.resolve("b.png"));
        model = folder.resolve("model");
        TestNetworks.save(model, TestNetworks.restorerCard(TINY), 7);
    }

    /** The first seed whose realistic pipeline leaves image 0 clean and degrades image 1. */
    private static long seedLeavingTheFirstImageClean() {
        FloatImage image = SyntheticImages.textured(3, 8, 8, 1);
        for (long seed = 0; ; seed++) {
            Degradations pipeline = Degradations.parse("realistic", seed);
            if (pipeline.apply(image, 0).untouched()
                    && !pipeline.apply(image, 1).untouched()) {
                return seed;
            }
        }
    }

    @Test
    void imagesThePipelineLeftCleanAreScoredApartInsteadOfMakingTheMeanInfinite() {
        long seed = seedLeavingTheFirstImageClean();
        CliRun run = CliRun.of(
                "eval",
                "restore",
                "--clean",
                images.toString(),
                "--degradation",
                "realistic",
                "--seed",
                Long.toString(seed),
                "--model",
                model.toString(),
                "--threads",
                "1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "eval restore: 2 images",
                        "1 of them left clean by the pipeline",
                        "means over the other 1",
                        "on the 1 clean images:")
                .doesNotContain("Infinity", "NaN");
    }

    @Test
    void withNoDegradationTheCleanImagesAreScoredByThePsnrOfTheRestorersOutput() {
        CliRun run = CliRun.of(
                "eval",
                "restore",
                "--clean",
                images.toString(),
                "--degradation",
                "none",
                "--model",
                model.toString(),
                "--threads",
                "1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("2 of them left clean by the pipeline")
                .doesNotContain("NaN")
                .containsPattern(
                        "restorer tiny-restorer +on the 2 clean images: \\d+\\.\\d\\d dB, change \\d+\\.\\d\\d");
    }
}
