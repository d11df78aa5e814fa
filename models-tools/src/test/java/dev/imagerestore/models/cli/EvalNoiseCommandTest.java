package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalNoiseCommandTest {

    @TempDir
    static Path folder;

    private static Path clean;
    private static Path noisy;

    @BeforeAll
    static void pairs() throws Exception {
        clean = Files.createDirectories(folder.resolve("clean"));
        noisy = Files.createDirectories(folder.resolve("noisy"));
        for (int i = 0; i < 2; i++) {
            FloatImage image = SyntheticImages.textured(3, 96, 128, i);
            ImageFiles.write(image, clean.resolve("p" + i + ".png"));
            ImageFiles.write(Awgn.add(image, 8, i), noisy.resolve("p" + i + ".png"));
        }
    }

    @Test
    void realPairsPrintTheirLevelCorrelationsAndLevelByTone() {
        CliRun run = CliRun.of("eval", "noise", "--pairs", noisy.toString(), clean.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("eval noise: 2 images, pairs " + noisy + " / " + clean)
                .containsPattern("noise std \\(8-bit levels\\):  R [78]\\.\\d\\d  G [78]\\.\\d\\d  B [78]\\.\\d\\d")
                .containsPattern("(?m)^  luma +-?0\\.0\\d\\d +-?0\\.0\\d\\d")
                .containsPattern("R-G -?0\\.0\\d\\d")
                .contains("luma noise std by the clean image's luma:")
                .containsPattern("(?m)^    0- 31 ");
    }

    @Test
    void aPipelineOnCleanImagesIsMeasuredTheSameWayAndImagesWithoutReferencesAreRefused() {
        CliRun run = CliRun.of("eval", "noise", "--clean", clean.toString(), "--degradation", "awgn:4", "--seed", "3");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("degraded by 'awgn:4' (seed 3)").containsPattern("luma [1-2]\\.\\d\\d");

        CliRun refused = CliRun.of("eval", "noise", "--images", clean.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--images has no clean references");
    }
}
