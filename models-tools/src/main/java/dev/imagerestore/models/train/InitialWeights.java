package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
        boolean widening = widens(card.architecture(), config);
        if (!card.architecture().equals(config) && !widening) {
            throw new IllegalArgumentException("--init " + directory + " holds a " + card.architecture()
                    + " but this run trains a " + config + "; give the same --widths, --res-blocks, --attention "
                    + "and --groups as that model (a restorer may also start from a denoiser of the same widths)");
        }
        try (NDManager loading = manager.newSubManager()) {
            ParameterList source =
                    ModelDirectory.loadBlock(directory, card, loading).getParameters();
            ParameterList target = online.getParameters();
            for (int i = 0; i < target.size(); i++) {
                NDArray from = source.valueAt(i).getArray();
                NDArray to = target.valueAt(i).getArray();
                if (from.getShape().equals(to.getShape())) {
                    to.set(from.toFloatArray());
                } else {
                    to.set(widenedInputKernel(from, to.getShape(), config.imageChannels()));
                }
            }
        }
        Files.createDirectories(work);
        Path tmp = work.resolve(PARENT_FILE + ".tmp");
        Files.writeString(tmp, GSON.toJson(card.training()), StandardCharsets.UTF_8);
        Files.move(tmp, work.resolve(PARENT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Whether {@code to} is {@code from} with condition channels added to an unconditional network:
     * a restorer started from a denoiser.
     */
    static boolean widens(UNetConfig from, UNetConfig to) {
        return from.conditionChannels() == 0
                && to.conditionChannels() >= from.imageChannels()
                && from.withConditionChannels(to.conditionChannels()).equals(to);
    }

    /**
     * The input convolution's kernel of a widened network: the parent's filters over its image
     * channels are placed over the first condition channels (for a restorer, the degraded image), so
     * the new network starts by looking at the degraded image as the denoiser looked at its noisy
     * input; the kernel over the new diffusion state and any further conditions starts at zero.
     */
    static float[] widenedInputKernel(NDArray parent, Shape shape, int offset) {
        Shape from = parent.getShape();
        if (shape.dimension() != 4
                || from.dimension() != 4
                || from.get(0) != shape.get(0)
                || from.get(2) != shape.get(2)
                || from.get(3) != shape.get(3)
                || offset + from.get(1) > shape.get(1)) {
            throw new IllegalArgumentException("cannot widen a parameter of shape " + from + " to " + shape);
        }
        float[] source = parent.toFloatArray();
        float[] out = new float[Math.toIntExact(shape.size())];
        int kernel = Math.toIntExact(shape.get(2) * shape.get(3));
        int inFrom = Math.toIntExact(from.get(1));
        int inTo = Math.toIntExact(shape.get(1));
        for (int o = 0; o < shape.get(0); o++) {
            for (int i = 0; i < inFrom; i++) {
                System.arraycopy(source, (o * inFrom + i) * kernel, out, (o * inTo + offset + i) * kernel, kernel);
            }
        }
        return out;
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
