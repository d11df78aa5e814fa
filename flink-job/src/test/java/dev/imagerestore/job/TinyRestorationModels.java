package dev.imagerestore.job;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.detect.DamageNetwork;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.RestorationNetwork;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two small, randomly initialised models of the blind-restoration tests (the pipeline is under
 * test, not the models): a restorer ({@code x0-residual} from the degraded image and a mask) named
 * {@code tiny-restorer}, and a learned damage detector named {@code tiny-detector} whose card's
 * threshold is {@link #THRESHOLD}.
 */
final class TinyRestorationModels {

    static final UNetConfig RESTORER = RestorationNetwork.architecture(List.of(8, 16, 32), 1, false, 4);
    static final UNetConfig DETECTOR = DamageNetwork.architecture(List.of(16, 16, 32), 1, false, 8);
    /** A threshold that random weights' probabilities (near one half) straddle, so some pixels are flagged. */
    static final double THRESHOLD = 0.5;
    /** The damage share the restorer's card records, so that masks may be handed to it. */
    static final double DAMAGE_SHARE = 0.25;

    private TinyRestorationModels() {}

    /**
     * Writes the restorer to {@link #restorer}{@code (root)}, a fill network to {@link #fill}{@code (root)}
     * and the detector to {@link #detector}{@code (root)}.
     */
    static void write(Path root) throws IOException {
        TorchThreads.configure(1);
        ModelCard.Training training = new ModelCard.Training(List.of(), 0, 1, 16, 1e-3, 0, 0, "test", "none", 0);
        save(RESTORER, restorer(root), 11, restorerCard("tiny-restorer", training.withDamageShare(DAMAGE_SHARE)));
        save(RESTORER, fill(root), 13, restorerCard("tiny-fill", training.withHoleShare(1.0)));
        save(
                DETECTOR,
                detector(root),
                5,
                new ModelCard(
                        ModelCard.FORMAT,
                        "tiny-detector",
                        "random weights for tests",
                        DETECTOR,
                        DamageNetwork.CONDITIONS,
                        List.of(),
                        ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                        ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                        DamageNetwork.PREDICTION,
                        null,
                        training,
                        null,
                        Map.of(),
                        new ModelCard.Detection(THRESHOLD)));
    }

    /** The card of a tiny restorer with random weights, trained (its card says) as {@code training} says. */
    private static ModelCard restorerCard(String name, ModelCard.Training training) {
        return new ModelCard(
                ModelCard.FORMAT,
                name,
                "random weights for tests",
                RESTORER,
                RestorationNetwork.CONDITIONS,
                List.of(),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                RestorationNetwork.PREDICTION,
                training,
                null,
                Map.of());
    }

    static Path restorer(Path root) {
        return root.resolve("restore");
    }

    /** A restorer whose card says it was trained on drawn holes: a fill network for {@code --task inpaint}. */
    static Path fill(Path root) {
        return root.resolve("fill");
    }

    static Path detector(Path root) {
        return root.resolve("detect");
    }

    private static void save(UNetConfig config, Path dir, int seed, ModelCard card) throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(seed);
            Block block = UNet.build(config);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(config, 1, 16));
            ModelDirectory.save(dir, block, card);
        }
    }
}
