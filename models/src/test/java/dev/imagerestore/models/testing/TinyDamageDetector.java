package dev.imagerestore.models.testing;

import dev.imagerestore.models.detect.DamageNetwork;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a damage detector with small random weights (fixed seed) for tests: a real model directory
 * that {@link dev.imagerestore.models.detect.LearnedDamageDetector#load} opens, whose probabilities
 * are deterministic but meaningless.
 */
public final class TinyDamageDetector {

    /** Widths 16, 16, 32: tile sides are multiples of 4. */
    public static final UNetConfig CONFIG = DamageNetwork.architecture(List.of(16, 16, 32), 1, false, 8);

    private TinyDamageDetector() {}

    /** Writes the detector to {@code dir}, its card naming {@code threshold}. */
    public static Path write(Path dir, double threshold) throws IOException {
        ModelCard.Training training = new ModelCard.Training(List.of(), 0, 1, 16, 1e-3, 0, 0, "test", "none", 0);
        TestNetworks.save(
                dir,
                new ModelCard(
                        ModelCard.FORMAT,
                        "tiny-detector",
                        "random weights for tests",
                        CONFIG,
                        DamageNetwork.CONDITIONS,
                        List.of(),
                        ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                        ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                        DamageNetwork.PREDICTION,
                        null,
                        training,
                        null,
                        Map.of(),
                        new ModelCard.Detection(threshold)),
                5);
        return dir;
    }
}
