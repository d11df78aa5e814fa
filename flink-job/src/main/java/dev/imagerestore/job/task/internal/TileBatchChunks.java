package dev.imagerestore.job.task.internal;

import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import dev.imagerestore.operators.tiles.TileChunk;
import dev.imagerestore.operators.tiles.TiledImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Restores a {@link TileChunk} with a {@link TileBatchProcessor} (the denoiser's): the chunk's tiles,
 * with the image's noise level, id and each tile's position, as one batch. A tile's result does not
 * depend on its batch neighbours (the processor's contract), so the image comes out as the
 * whole-image path makes it, up to the float rounding that batching differently gives there too.
 *
 * <p>Serializable and immutable: it holds the processor factory.
 */
public final class TileBatchChunks implements ImageProcessor.Factory<TileChunk, float[]> {

    private static final long serialVersionUID = 1L;

    private final TileBatchProcessor.Factory tiles;

    public TileBatchChunks(TileBatchProcessor.Factory tiles) {
        this.tiles = Objects.requireNonNull(tiles, "tiles");
    }

    @Override
    public String modelKey() {
        return "chunks-of:" + tiles.modelKey();
    }

    @Override
    public ImageProcessor<TileChunk, float[]> create(InferenceDevice device) throws Exception {
        TileBatchProcessor processor = tiles.create(device);
        return new ImageProcessor<>() {
            @Override
            public float[] process(TileChunk chunk) throws Exception {
                TiledImage image = chunk.image();
                if (image.noise().isEmpty()) {
                    throw new IllegalArgumentException(
                            "chunk " + chunk + " has no noise level, which the denoiser needs");
                }
                TileGrid grid = image.grid();
                List<TileRegion> regions = chunk.regions(grid);
                List<float[]> samples = chunk.inputTiles(grid.tileSize());
                List<TileWork> batch = new ArrayList<>(regions.size());
                for (int k = 0; k < regions.size(); k++) {
                    TileRegion region = regions.get(k);
                    batch.add(new TileWork(
                            samples.get(k),
                            grid.tileSize(),
                            image.noiseLevel(),
                            image.pagePath().hashCode(),
                            region.y(),
                            region.x()));
                }
                return TileChunk.concat(processor.process(batch));
            }

            @Override
            public void close() throws Exception {
                processor.close();
            }
        };
    }

    @Override
    public String toString() {
        return tiles + ", by chunks of tiles";
    }
}
