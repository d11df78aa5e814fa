package dev.imagerestore.models.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import com.google.gson.Gson;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Starts a training run from the weights of an existing model directory (a second phase with a
 * fresh optimiser and learning-rate schedule) and remembers, in the run's work directory, the
 * training record of that model, so that every card the run writes (also after a resume, and even
 * if the starting directory has changed since) names the commands that made its weights.
 */
final class InitialWeights {

    static final String PARENT_FILE = "started-from.json";
    private static final Gson GSON = new Gson();

    private InitialWeights() {}

    /**
     * Loads the verified weights of {@code directory} into {@code online} and records the model's
     * training in {@code work}.
     *
     * @throws IllegalArgumentException if the model's architecture is not {@code config}
     */
    static void start(Path directory, UNetConfig config, Block online, Path work, NDManager manager)
            throws IOException {
        ModelCard card = ModelDirectory.readCard(directory);
        if (!card.architecture().equals(config)) {
            throw new IllegalArgumentException("--init " + directory + " holds a " + card.architecture()
                    + " but this run trains a " + config + "; give the same --widths, --res-blocks, --attention "
                    + "and --groups as that model");
        }
        try (NDManager loading = manager.newSubManager()) {
            ParameterList source = ModelDirectory.loadBlock(directory, card, loading).getParameters();
            ParameterList target = online.getParameters();
            for (int i = 0; i < target.size(); i++) {
                target.valueAt(i).getArray().set(source.valueAt(i).getArray().toFloatArray());
            }
        }
        Files.createDirectories(work);
        Path tmp = work.resolve(PARENT_FILE + ".tmp");
        Files.writeString(tmp, GSON.toJson(card.training()), StandardCharsets.UTF_8);
        Files.move(tmp, work.resolve(PARENT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The training record saved by {@link #start}, or {@code null} for a run from random weights. */
    static ModelCard.Training recordedParent(Path work) throws IOException {
        Path file = work.resolve(PARENT_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ModelCard.Training.class);
    }
}
