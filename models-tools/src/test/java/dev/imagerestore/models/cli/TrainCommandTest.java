package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} and {@code train-depth} from the command line, for 3 steps of tiny networks: on a
 * folder of synthetic images, and on a two-pair NYUv2-shaped folder.
 */
class TrainCommandTest {

    @TempDir
    static Path folder;

    private static Path images;
    private static Path nyu;

    @BeforeAll
    static void data() throws Exception {
        TorchThreads.configure(1);
        images = SyntheticImages.trainingFolder(folder.resolve("images"), 4, 1);
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

    /** Trains with {@code command} and its data options for 3 steps; returns the weights' bytes. */
    private static byte[] train(String name, String weightDecay, String... command) throws Exception {
        Path model = folder.resolve(name);
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(
                "--work",
                folder.resolve(name + "-work").toString(),
                "--output",
                model.toString(),
                "--steps",
                "3",
                "--batch",
                "2",
                "--widths",
                "16,16,32",
                "--res-blocks",
                "1",
                "--warmup",
                "1",
                "--lr",
                "1e-3",
                "--seed",
                "1",
                "--threads",
                "1",
                "--weight-decay",
                weightDecay));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(ModelDirectory.readCard(model).training().command()).endsWith("--weight-decay " + weightDecay);
        return Files.readAllBytes(model.resolve(ModelDirectory.WEIGHTS_FILE));
    }

    private static void weightDecayReachesTheOptimiserAndTheCard(String trainer, String... data) throws Exception {
        String[] command = new String[data.length + 1];
        command[0] = trainer;
        System.arraycopy(data, 0, command, 1, data.length);
        byte[] plain = train(trainer + "-plain", "0", command);
        assertThat(train(trainer + "-plain-again", "0", command))
                .as("same seed, same weights")
                .isEqualTo(plain);
        assertThat(train(trainer + "-decayed", "50", command))
                .as("a decay of 50 x lr 1e-3 shrinks every kernel by 5 % a step")
                .isNotEqualTo(plain);
    }

    @Test
    void trainPassesWeightDecayToTheOptimiserAndTheCard() throws Exception {
        weightDecayReachesTheOptimiserAndTheCard("train", "--data", images.toString(), "--crop", "16");
    }

    @Test
    void trainDepthPassesWeightDecayToTheOptimiserAndTheCard() throws Exception {
        weightDecayReachesTheOptimiserAndTheCard(
                "train-depth", "--data", nyu.toString(), "--size", "32x24", "--no-attention");
    }
}
