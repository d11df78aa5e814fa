package dev.imagerestore.operators.inference;

import ai.djl.engine.Engine;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.TileBatchDenoiser;
import dev.imagerestore.models.restore.TileInput;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.sampler.SamplerKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Processors that denoise tiles with the project's diffusion UNet, through the models library's
 * {@link TileBatchDenoiser} (one forward pass per batch, Tweedie's one-step posterior mean or a few
 * refinement steps), so the job restores tiles exactly as {@code eval denoise} does. The model is
 * resolved on the TaskManager: a directory visible there, or the default model packaged in the job
 * jar ({@link ModelLocation}). It is loaded onto the subtask's resolved device (any GPU PyTorch
 * sees, or the CPU), and the denoiser builds its batches there; on the CPU, PyTorch first gets the
 * device's intra-op thread count ({@link TorchThreads#configure}).
 *
 * <p>Serializable and immutable: it holds the directory as a string and the denoiser's settings.
 */
public final class DiffusionProcessorFactory implements TileBatchProcessor.Factory {

    private static final long serialVersionUID = 3L;

    private final String model;
    private final int tileSize;
    private final int overlap;
    private final int batchSize;
    private final int refineSteps;
    private final SamplerKind sampler;
    private final long seed;
    private final int selfEnsemble;

    private DiffusionProcessorFactory(Builder b) {
        this.model = b.model.toString();
        this.tileSize = b.inference.tileSize();
        this.overlap = b.inference.overlap();
        this.batchSize = b.inference.batching().maxBatch();
        this.refineSteps = b.refineSteps;
        this.sampler = b.sampler;
        this.seed = b.seed;
        this.selfEnsemble = b.selfEnsemble;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String modelKey() {
        return "denoise:" + model + ":refine=" + refineSteps
                + (sampler == SamplerKind.DDIM ? "" : ":" + sampler.cliName()) + ":seed=" + seed + ":ensemble="
                + selfEnsemble;
    }

    /**
     * Loads the model onto {@code device} and opens a batch denoiser on it.
     *
     * @throws IllegalStateException when Flink assigned a GPU that PyTorch does not see
     * @throws IllegalArgumentException when the tiling does not fit the model's size multiple
     */
    @Override
    public TileBatchProcessor create(InferenceDevice device) throws Exception {
        DiffusionModel loaded = load(Path.of(model), device);
        try {
            TileBatchDenoiser tiles = Denoiser.builder()
                    .setModel(loaded)
                    .optTileSize(tileSize)
                    .optOverlap(overlap)
                    .optBatchSize(batchSize)
                    .optRefineSteps(refineSteps)
                    .optSampler(sampler)
                    .optSeed(seed)
                    .optSelfEnsemble(selfEnsemble)
                    .build()
                    .openBatchDenoiser();
            return new Processor(loaded, tiles);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /**
     * Prepares PyTorch for {@code device} (its intra-op threads on the CPU) and loads the model at
     * {@code directory}, as {@link ModelLocation} resolves it, onto that device: the one loading path of every
     * processor factory that runs the project's diffusion models on a TaskManager.
     *
     * @throws IllegalStateException when Flink assigned a GPU that PyTorch does not see
     * @throws IOException when the model directory cannot be read
     */
    public static DiffusionModel load(Path directory, InferenceDevice device) throws IOException {
        prepareTorch(device);
        return ModelLocation.load(directory, DiffusionProcessorFactory.class.getClassLoader(), device.toDjl());
    }

    /**
     * Prepares PyTorch to run on {@code device}: on the CPU, the device's intra-op thread count; on a
     * GPU, a check that PyTorch sees it. Every processor factory calls it before loading a model.
     *
     * @throws IllegalStateException when Flink assigned a GPU that PyTorch does not see
     */
    public static void prepareTorch(InferenceDevice device) {
        if (device.isGpu()) {
            checkGpuVisible(device.gpuIndex());
            TorchThreads.configureDefault();
        } else {
            TorchThreads.configure(device.cpuThreads());
        }
    }

    private static void checkGpuVisible(int index) {
        int visible = Engine.getEngine("PyTorch").getGpuCount();
        if (index >= visible) {
            throw new IllegalStateException("Flink assigned GPU " + index + " but PyTorch sees " + visible
                    + " GPU(s): the discovery script reports host indices, so do not restrict CUDA_VISIBLE_DEVICES on "
                    + "TaskManagers, and build the job with the CUDA natives (mvn -Pcuda)");
        }
    }

    @Override
    public String toString() {
        return "denoiser of " + model
                + (refineSteps > 0 ? " with " + refineSteps + " " + sampler.cliName() + " refinement steps" : "")
                + (selfEnsemble > 1 ? ", self-ensemble x" + selfEnsemble : "");
    }

    /** Binds a batch denoiser to the inference service; owns the model and closes it last. */
    private static final class Processor implements TileBatchProcessor {

        private final DiffusionModel model;
        private final TileBatchDenoiser tiles;

        Processor(DiffusionModel model, TileBatchDenoiser tiles) {
            this.model = model;
            this.tiles = tiles;
        }

        @Override
        public List<float[]> process(List<TileWork> batch) {
            List<TileInput> inputs = new ArrayList<>(batch.size());
            for (TileWork w : batch) {
                inputs.add(new TileInput(w.samples(), w.size(), w.pixelSigma(), w.imageId(), w.originY(), w.originX()));
            }
            return tiles.denoise(inputs);
        }

        @Override
        public void close() {
            try {
                tiles.close();
            } finally {
                model.close();
            }
        }
    }

    /** Builder: the model directory and the inference settings are required, refinement optional. */
    public static final class Builder {

        private Path model;
        private InferenceSettings inference;
        private int refineSteps;
        private SamplerKind sampler = SamplerKind.DDIM;
        private long seed;
        private int selfEnsemble = 1;

        private Builder() {}

        /** The model directory ({@link ModelLocation#DEFAULT_DIRECTORY} resolves to the jar's copy). */
        public Builder setModelDirectory(Path directory) {
            this.model = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The stage's settings: tile size, overlap and the largest batch are the denoiser's. */
        public Builder setInference(InferenceSettings settings) {
            this.inference = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Sampler steps after the one-step estimate and the seed of their noise (default 0 and 0). */
        public Builder optRefinement(int steps, long noiseSeed) {
            if (steps < 0) {
                throw new IllegalArgumentException("refine steps must be >= 0, got " + steps);
            }
            this.refineSteps = steps;
            this.seed = noiseSeed;
            return this;
        }

        /** The sampler the refinement steps run (default DDIM). */
        public Builder optSampler(SamplerKind value) {
            this.sampler = Objects.requireNonNull(value, "sampler");
            return this;
        }

        /** Tile symmetries each tile is restored through and averaged over: 1 (default), 2, 4 or 8. */
        public Builder optSelfEnsemble(int count) {
            if (!Denoiser.isSelfEnsembleSize(count)) {
                throw new IllegalArgumentException("self-ensemble must be 1, 2, 4 or 8 transforms, got " + count);
            }
            this.selfEnsemble = count;
            return this;
        }

        public DiffusionProcessorFactory build() {
            if (model == null || inference == null) {
                throw new IllegalStateException("the model directory and the inference settings are required: call "
                        + "setModelDirectory(...) and setInference(...)");
            }
            return new DiffusionProcessorFactory(this);
        }
    }
}
