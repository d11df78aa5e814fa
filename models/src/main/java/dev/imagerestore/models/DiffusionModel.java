package dev.imagerestore.models;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.io.TorchScriptModels;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded diffusion model: its card, its schedule and the network, from which thread-confined
 * {@link NoisePredictor}s are opened. Thread-safe; owns the native memory of the weights until
 * {@link #close()}.
 *
 * <p>Inference runs through DJL {@link Predictor}s, so the weights never record gradients. The
 * network is either the project's UNet ({@link #load}, {@link #of}), which takes fractional float32
 * timesteps, or a user's TorchScript export ({@link #loadTorchScript}), which is given them rounded
 * to int64.
 *
 * <p>Device: a model lives on the device it was loaded onto ({@link #load(Path, Device)}; the engine's
 * default device otherwise) and its predictors run there; {@link #manager()} and its sub-managers
 * create arrays on that device, so code that builds its inputs from them runs there too.
 */
public final class DiffusionModel implements AutoCloseable {

    private final ModelCard card;
    private final NoiseSchedule schedule;
    private final Model model;
    private final boolean torchScript;

    private DiffusionModel(ModelCard card, Model model, boolean torchScript) {
        this.card = card;
        this.schedule = card.schedule().toSchedule();
        this.model = model;
        this.torchScript = torchScript;
    }

    /**
     * Loads a model directory ({@code model-card.json} plus the weights it names), checking the
     * card, the weights' SHA-256 and every parameter shape.
     *
     * @throws dev.imagerestore.models.io.ModelFormatException naming the file and the mismatch
     */
    public static DiffusionModel load(Path directory) throws IOException {
        TorchThreads.configureDefault();
        return load(directory, Engine.getEngine("PyTorch").defaultDevice());
    }

    /**
     * Loads a model directory as {@link #load(Path)} does, with its weights on {@code device} (for
     * instance the GPU a Flink subtask was assigned), where its predictors then run.
     *
     * @throws dev.imagerestore.models.io.ModelFormatException naming the file and the mismatch
     */
    public static DiffusionModel load(Path directory, Device device) throws IOException {
        Objects.requireNonNull(device, "device");
        TorchThreads.configureDefault();
        ModelCard card = ModelDirectory.readCard(directory);
        Model model = Model.newInstance(card.name(), device, "PyTorch");
        try {
            Block block = ModelDirectory.loadBlock(directory, card, model.getNDManager());
            model.setBlock(block);
            return new DiffusionModel(card, model, false);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Wraps an initialised block (for tests and for training-time evaluation); the model takes it over. */
    public static DiffusionModel of(ModelCard card, Block block) {
        Objects.requireNonNull(card, "card");
        TorchThreads.configureDefault();
        Model model = Model.newInstance(card.name(), "PyTorch");
        model.setBlock(block);
        return new DiffusionModel(card, model, false);
    }

    /**
     * Loads a TorchScript export with the call contract {@code forward(x float32 [B, C_in, H, W],
     * t int64 [B]) -> eps [B, C, H, W]}, described by {@code card} (channels, size multiple,
     * schedule). Its predictors round the timesteps to int64. The file and the card are checked
     * as {@link TorchScriptModels} describes, including one probe forward pass.
     *
     * @throws dev.imagerestore.models.io.ModelFormatException naming the file and the reason
     */
    public static DiffusionModel loadTorchScript(Path ptFile, ModelCard card) throws IOException {
        Objects.requireNonNull(ptFile, "ptFile");
        Objects.requireNonNull(card, "card");
        TorchThreads.configureDefault();
        return new DiffusionModel(card, TorchScriptModels.load(ptFile, card), true);
    }

    public ModelCard card() {
        return card;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** Image channels the network predicts noise for. */
    public int imageChannels() {
        return card.architecture().imageChannels();
    }

    /** Tile sides must be multiples of this. */
    public int sizeMultiple() {
        return card.architecture().sizeMultiple();
    }

    /** A new predictor, confined to the calling thread until closed. */
    public NoisePredictor newPredictor() {
        Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
        if (torchScript) {
            return new TorchScriptNoisePredictor(predictor);
        }
        boolean labelled = card.architecture().labelCount() > 0;
        return new NoisePredictor() {
            @Override
            public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
                NDList inputs = new NDList(x, t);
                if (labelled) {
                    inputs.add(Objects.requireNonNull(labels, "this model is label-conditioned: labels are required"));
                }
                try {
                    NDArray eps = predictor.predict(inputs).singletonOrThrow();
                    eps.attach(x.getManager());
                    return eps;
                } catch (TranslateException e) {
                    throw new IllegalStateException("the UNet forward pass failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                predictor.close();
            }
        };
    }

    /** The device the weights live on and the predictors run on. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** The manager owning the weights (callers may create their own sub-managers from it). */
    public NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }
}
