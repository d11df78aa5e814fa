package dev.imagerestore.models.testing;

import dev.imagerestore.models.depth.DepthNetwork;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a built-in depth estimator with small random weights (fixed seed) for tests: a real model
 * directory that {@link dev.imagerestore.models.depth.DepthEstimators#load} opens, whose estimates
 * are deterministic but meaningless.
 */
public final class TinyDepthEstimator {

    private TinyDepthEstimator() {}

    /** Writes the estimator to {@code dir}; it resizes inputs so that their shorter side is {@code shortSide}. */
    public static Path write(Path dir, int shortSide) throws IOException {
        return write(dir, shortSide, null);
    }

    /** As {@link #write(Path, int)}, the card naming these test-time views (null: none). */
    public static Path write(Path dir, int shortSide, ModelCard.TestTimeViews views) throws IOException {
        UNetConfig config = DepthNetwork.architecture(List.of(16, 16, 32), 1, false, 8);
        ModelCard.Training training = new ModelCard.Training(List.of(), 0, 1, shortSide, 1e-3, 0, 0, "test", "none", 0);
        TestNetworks.save(
                dir,
                new ModelCard(
                        ModelCard.FORMAT,
                        "tiny-depth",
                        "random weights for tests",
                        config,
                        DepthNetwork.CONDITIONS,
                        List.of(),
                        ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                        ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                        DepthNetwork.PREDICTION,
                        views,
                        training,
                        null,
                        Map.of()),
                3);
        return dir;
    }
}
