package dev.imagerestore.job;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A randomly initialised {@link #CONFIG tiny} UNet saved as a model directory for the job's cluster
 * tests (the pipeline is under test, not the model's quality): register it as a static
 * {@code @RegisterExtension} field; it is written before the class's tests and deleted after them.
 */
final class TinyModel implements BeforeAllCallback, AfterAllCallback {

    static final UNetConfig CONFIG = new UNetConfig(3, 0, List.of(16, 16, 32), 1, false, 8, 0);

    private Path directory;

    /** The model directory; valid while the test class runs. */
    Path directory() {
        return directory;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("tiny-model");
        TorchThreads.configure(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(CONFIG);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(CONFIG, 1, 16));
            ModelCard card = new ModelCard(
                    ModelCard.FORMAT,
                    "tiny-test",
                    "random weights for pipeline tests",
                    CONFIG,
                    List.of(),
                    List.of(),
                    ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                    ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                    "eps",
                    null,
                    null,
                    Map.of());
            ModelDirectory.save(directory, block, card);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
