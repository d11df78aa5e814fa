package dev.imagerestore.job.internal;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.cli.ModelLocation;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.TileBatchDenoiser;
import dev.imagerestore.models.restore.TileInput;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, on a TaskManager, the tile processor of the denoising task: the model is resolved there
 * (a directory visible to the TaskManager, or the default model packaged in the job jar) and bound
 * to the models library's {@link TileBatchDenoiser}, so the job restores tiles exactly as
 * {@code eval denoise} does.
 */
public final class DenoiserProcessorFactory implements TileBatchProcessor.Factory {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final int tileSize;
    private final int overlap;
    private final int batchSize;
    private final int refineSteps;
    private final long seed;

    public DenoiserProcessorFactory(Path model, int tileSize, int overlap, int batchSize, int refineSteps, long seed) {
        this.model = model.toString();
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.batchSize = batchSize;
        this.refineSteps = refineSteps;
        this.seed = seed;
    }

    @Override
    public String modelKey() {
        return "denoise:" + model + ":refine=" + refineSteps + ":seed=" + seed;
    }

    @Override
    public TileBatchProcessor create(InferenceDevice device) throws Exception {
        DiffusionModel loaded = load(model, device);
        TileBatchDenoiser tiles;
        try {
            tiles = Denoiser.builder().setModel(loaded).optTileSize(tileSize).optOverlap(overlap)
                    .optBatchSize(batchSize).optRefineSteps(refineSteps).optSeed(seed).build()
                    .openBatchDenoiser();
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        return new TileBatchProcessor() {
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
                tiles.close();
                loaded.close();
            }
        };
    }

    /** Sets PyTorch's threads for {@code device} and loads {@code model} as {@link ModelLocation} resolves it. */
    static DiffusionModel load(String model, InferenceDevice device) throws IOException {
        if (device.isGpu()) {
            TorchThreads.configureDefault();
        } else {
            TorchThreads.configure(device.cpuThreads());
        }
        return ModelLocation.load(Path.of(model), DenoiserProcessorFactory.class.getClassLoader());
    }

    @Override
    public String toString() {
        return "denoiser of " + model + (refineSteps > 0 ? " with " + refineSteps + " refinement steps" : "");
    }
}
