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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small randomly initialised model directory for pipeline tests (the pipeline is under test, not the model). */
final class TinyModels {

    static final UNetConfig TINY = new UNetConfig(3, 0, List.of(16, 16, 32), 1, false, 8, 0);

    private TinyModels() {}

    /** Saves the tiny model to {@code directory}, PyTorch single-threaded. */
    static void save(Path directory) throws IOException {
        TorchThreads.configure(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(TINY);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(TINY, 1, 16));
            ModelCard card = new ModelCard(ModelCard.FORMAT, "tiny-test", "random weights for pipeline tests", TINY,
                    List.of(), List.of(), ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                    ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()), "eps", null, null, Map.of());
            ModelDirectory.save(directory, block, card);
        }
    }
}
