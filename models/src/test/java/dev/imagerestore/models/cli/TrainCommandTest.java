package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} from the command line, on a folder of synthetic images. */
class TrainCommandTest {

    @TempDir
    static Path folder;

    private static Path data;

    @BeforeAll
    static void images() throws Exception {
        TorchThreads.configure(1);
        data = SyntheticImages.trainingFolder(folder.resolve("data"), 4, 1);
    }

    private static byte[] train(String name, String weightDecay) throws Exception {
        Path model = folder.resolve(name);
        CliRun run = CliRun.of("train", "--data", data.toString(), "--work", folder.resolve(name + "-work").toString(),
                "--output", model.toString(), "--steps", "3", "--crop", "16", "--batch", "2", "--widths", "16,16,32",
                "--res-blocks", "1", "--warmup", "1", "--lr", "1e-3", "--seed", "1", "--threads", "1",
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
