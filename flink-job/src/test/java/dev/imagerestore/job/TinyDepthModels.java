package dev.imagerestore.job;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.depth.DepthNetwork;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two small, randomly initialised models of the {@code depth2img} tests (the pipeline is under
 * test, not the models): a depth- and label-conditioned translator with the labels {@code night} and
 * {@code photo}, and a built-in depth estimator named {@code tiny-depth}.
 */
final class TinyDepthModels {

    static final UNetConfig TRANSLATOR = new UNetConfig(3, 2, List.of(16, 16, 32), 1, false, 8, 2);
    static final UNetConfig ESTIMATOR = DepthNetwork.architecture(List.of(16, 16, 32), 1, false, 8);

    private TinyDepthModels() {}

    /** Writes the translator to {@link #translator}{@code (root)} and the estimator to {@link #estimator}{@code (root)}. */
    static void write(Path root) throws IOException {
        TorchThreads.configure(1);
        save(TRANSLATOR, translator(root), DepthGuidedTranslator.CONDITIONS, List.of("night", "photo"), "eps", null);
        ModelCard.Training training = new ModelCard.Training(List.of(), 0, 1, 16, 1e-3, 0, 0, "test", "none", 0);
        save(ESTIMATOR, estimator(root), DepthNetwork.CONDITIONS, List.of(), DepthNetwork.PREDICTION, training);
    }

    static Path translator(Path root) {
        return root.resolve("depth2img");
    }

    static Path estimator(Path root) {
        return root.resolve("depth");
    }

    private static void save(
            UNetConfig config,
            Path dir,
            List<String> conditions,
            List<String> labels,
            String prediction,
            ModelCard.Training training)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(config);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(config, 1, 16));
            ModelCard card = new ModelCard(
                    ModelCard.FORMAT,
                    "tiny-" + dir.getFileName(),
                    "random weights for tests",
                    config,
                    conditions,
                    labels,
                    ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                    ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                    prediction,
                    training,
                    null,
                    Map.of());
            ModelDirectory.save(dir, block, card);
        }
    }
}
