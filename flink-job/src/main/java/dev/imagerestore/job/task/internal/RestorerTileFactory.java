package dev.imagerestore.job.task.internal;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.restore.BlindRestorer;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.tiles.TileChunk;
import dev.imagerestore.operators.tiles.TiledImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Creates, on a TaskManager, the processor that restores one {@link TileChunk} of an image that
 * flows as tiles: one forward pass of the blind restorer over the chunk's tiles
 * ({@link BlindRestorer#restoreTiles}), the same pass the whole-image path runs over the same tiles,
 * so the image comes out the same whichever subtask restored which chunk.
 *
 * <p>Serializable and immutable: it holds the {@link RestorerProcessorFactory.Settings}.
 */
public final class RestorerTileFactory implements ImageProcessor.Factory<TileChunk, float[]> {

    private static final long serialVersionUID = 1L;

    private final RestorerProcessorFactory.Settings settings;

    public RestorerTileFactory(RestorerProcessorFactory.Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String modelKey() {
        return "restore-tiles:" + settings;
    }

    @Override
    public ImageProcessor<TileChunk, float[]> create(InferenceDevice device) throws IOException {
        DiffusionModel model = DiffusionProcessorFactory.load(Path.of(settings.model()), device);
        try {
            return new Processor(model, settings.restorer(model));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "blind restorer of " + settings.model() + ", by tiles";
    }

    /** Binds the restorer to the inference service; owns the model. */
    private record Processor(DiffusionModel model, BlindRestorer restorer)
            implements ImageProcessor<TileChunk, float[]> {

        @Override
        public float[] process(TileChunk chunk) {
            TiledImage image = chunk.image();
            TileGrid grid = image.grid();
            TileGrid own = restorer.grid(image.height(), image.width());
            if (own.tileSize() != grid.tileSize() || image.batch() != restorer.batchSize()) {
                throw new IllegalStateException("chunk " + chunk + " was cut into tiles of " + grid.tileSize()
                        + " in batches of " + image.batch() + ", but the restorer cuts this image into tiles of "
                        + own.tileSize() + " in batches of " + restorer.batchSize() + "; the job's tiling and the "
                        + "model's size multiple must agree");
            }
            float[][] restored = restorer.restoreTiles(
                    grid.tileSize(),
                    chunk.regions(grid),
                    chunk.inputTiles(grid.tileSize()),
                    image.pagePath().hashCode());
            return TileChunk.concat(java.util.Arrays.asList(restored));
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
