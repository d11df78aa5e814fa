package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train-depth} from the command line, on a two-pair NYUv2-shaped folder. */
class TrainDepthCommandTest {

    @TempDir
    static Path folder;

    private static Path nyu;

    @BeforeAll
    static void nyuFolder() throws Exception {
        TorchThreads.configure(1);
        nyu = folder.resolve("NYUv2");
        Files.createDirectories(nyu.resolve("nyu_images"));
        Files.createDirectories(nyu.resolve("nyu_depths"));
        for (int index = 0; index < 2; index++) {
            Path png = nyu.resolve("nyu_images/" + index + ".png");
            ImageFiles.write(SyntheticImages.textured(3, 120, 160, index), png);
            Files.move(png, nyu.resolve("nyu_images/" + index + ".jpg"));
            float[] plane = new float[120 * 160];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = 0.1f + 0.5f * (i / 160) / 120f;
            }
            ImageFiles.write(FloatImage.wrap(1, 120, 160, 8, plane), nyu.resolve("nyu_depths/" + index + ".png"));
        }
    }

    private static byte[] train(String name, String weightDecay) throws Exception {
        Path model = folder.resolve(name);
        CliRun run = CliRun.of("train-depth", "--data", nyu.toString(), "--work", folder.resolve(name + "-work").toString(),
                "--output", model.toString(), "--steps", "3", "--batch", "2", "--size", "32x24", "--widths", "16,16,32",
                "--res-blocks", "1", "--no-attention", "--warmup", "1", "--lr", "1e-3", "--seed", "1", "--threads", "1",
                "--weight-decay", weightDecay);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(ModelDirectory.readCard(model).training().command()).endsWith("--weight-decay " + weightDecay);
        return Files.readAllBytes(model.resolve(ModelDirectory.WEIGHTS_FILE));
    }

    @Test
    void weightDecayReachesTheOptimiserAndTheCard() throws Exception {
        byte[] plain = train("plain", "0");
        assertThat(train("plain-again", "0")).as("same seed, same weights").isEqualTo(plain);
        assertThat(train("decayed", "50")).as("a decay of 50 x lr 1e-3 shrinks every kernel by 5 % a step")
                .isNotEqualTo(plain);
    }
}
