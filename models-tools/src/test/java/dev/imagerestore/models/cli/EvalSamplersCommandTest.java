package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSamplersCommandTest {

    @TempDir
    static Path folder;

    private static Path images;
    private static Path model;

    @BeforeAll
    static void imagesAndModel() throws Exception {
        TorchThreads.configure(1);
        images = Files.createDirectories(folder.resolve("clean"));
        ImageFiles.write(SyntheticImages.textured(3, 72, 80, 1), images.resolve("a.png"));
        ImageFiles.write(SyntheticImages.textured(3, 72, 80, 2), images.resolve("b.png"));
        model = folder.resolve("model");
        TestNetworks.save(model, TestNetworks.card(TestNetworks.TINY), 7);
    }

    /** {@code eval samplers} on the images and the tiny model, one thread, 32-pixel tiles, and {@code options}. */
    private static CliRun sweep(String... options) {
        String[] base = {
            "eval",
            "samplers",
            "--clean",
            images.toString(),
            "--model",
            model.toString(),
            "--tile",
            "32",
            "--overlap",
            "8",
            "--threads",
            "1"
        };
        return CliRun.of(base, options);
    }

    @Test
    void everySamplerIsScoredAtEveryBudgetOnBothTasksWithinItsBudgetAndPlotted() throws Exception {
        Path plot = folder.resolve("figures/samplers.png");
        CliRun run = sweep(
                "--nfe", "2,3", "--samplers", "ddim,heun,dpm-solver++", "--limit", "1", "--plot", plot.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, double[]> rows =
                run.rows(Pattern.compile("(?m)^((?:denoise|inpaint) +[a-z+-]+ +\\d+)((?: +[0-9.]+){3}) +-$"));
        assertThat(rows).hasSize(2 * 3 * 2);
        // columns: steps, NFE, PSNR; Heun's two-stage strides cost 2 steps - 1 evaluations
        assertThat(rows.get("denoise  heun                 3")).startsWith(2, 3);
        assertThat(rows.get("inpaint  dpm-solver++         2")).startsWith(2, 2);
        rows.values().forEach(r -> assertThat(r[2]).isBetween(5.0, 60.0));
        BufferedImage png = ImageIO.read(plot.toFile());
        assertThat(png.getWidth()).isEqualTo(2 * 640);
        assertThat(png.getHeight()).isEqualTo(440);
        assertThat(run.out()).contains("wrote " + plot);
    }

    @Test
    void theOdeSolversErrorIsMeasuredAgainstHeunWithTheReferenceSteps() throws Exception {
        CliRun run = sweep(
                "--nfe",
                "3,7",
                "--samplers",
                "ddim,ddpm,heun",
                "--ode-reference",
                "4",
                "--limit",
                "2",
                "--plot",
                folder.resolve("ode.png").toString());
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, double[]> measured = run.rows(Pattern.compile("(?m)^(denoise +[a-z+-]+ +\\d+)((?: +[0-9.]+){4})$"));
        // columns: steps, NFE, PSNR, ODE error; heun with 4 steps (7 NFE) is the reference itself
        assertThat(measured.get("denoise  heun                 7")).startsWith(4, 7);
        assertThat(measured.get("denoise  heun                 7")[3]).isZero();
        assertThat(measured.get("denoise  heun                 3")[3]).isPositive();
        assertThat(measured.get("denoise  ddim                 3")[3]).isPositive();
        assertThat(measured).doesNotContainKey("denoise  ddpm                 3");
        assertThat(run.out())
                .containsPattern("(?m)^denoise +ddpm +3 +\\d+ +\\d+ +[0-9.]+ +-$")
                .containsPattern("(?m)^inpaint +heun +7 +\\d+ +\\d+ +[0-9.]+ +-$")
                .containsPattern("from heun with 4 steps .*dpm-solver\\+\\+ with 8 steps is [0-9.]+ levels from it");
        assertThat(ImageIO.read(folder.resolve("ode.png").toFile()).getWidth())
                .as("a third panel: the ODE error")
                .isEqualTo(3 * 640);
    }

    @Test
    void anUnknownSamplerIsRefusedWithTheChoices() {
        CliRun run = CliRun.of(
                "eval", "samplers", "--clean", images.toString(), "--model", model.toString(), "--samplers", "euler");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--sampler must be one of ddim, ddpm, euler-maruyama, heun, pc, dpm-solver++");
    }
}
