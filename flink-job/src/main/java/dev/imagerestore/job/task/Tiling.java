package dev.imagerestore.job.task;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileAccumulator;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.TileWork;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a task cuts images into tiles: the inference stage's tile side, overlap and largest batch,
 * and the model's spatial multiple (tiles and padded images are multiples of it). Immutable.
 *
 * @param tileSize largest tile side in pixels
 * @param overlap pixels shared by neighbouring tiles
 * @param sizeMultiple the model's spatial multiple
 * @param batch tiles per forward pass
 */
public record Tiling(int tileSize, int overlap, int sizeMultiple, int batch) implements Serializable {

    public Tiling {
        if (tileSize < 1 || overlap < 0 || sizeMultiple < 1 || batch < 1) {
            throw new IllegalArgumentException("tile size, size multiple and batch must be >= 1 and overlap >= 0, got "
                    + tileSize + ", " + sizeMultiple + ", " + batch + " and " + overlap);
        }
    }

    /** The tiling of {@code inference} for a model whose spatial multiple is {@code sizeMultiple}. */
    public static Tiling of(InferenceSettings inference, int sizeMultiple) {
        return new Tiling(
                inference.tileSize(),
                inference.overlap(),
                sizeMultiple,
                inference.batching().maxBatch());
    }

    /** The grid that covers {@code image}. */
    public TileGrid cover(FloatImage image) {
        return TileGrid.cover(image.height(), image.width(), tileSize, overlap, sizeMultiple);
    }

    /** Every tile of {@code grid} over {@code image} (three channels), with noise level {@code sigma}. */
    public static List<TileWork> tiles(TileGrid grid, FloatImage image, double sigma, long imageId) {
        List<TileWork> tiles = new ArrayList<>(grid.size());
        for (TileRegion tile : grid.tiles()) {
            tiles.add(new TileWork(grid.extract(image, tile, 3), tile.size(), sigma, imageId, tile.y(), tile.x()));
        }
        return tiles;
    }

    /** The restored tiles of {@code grid}, in grid order, blended into one image. */
    public static FloatImage blend(TileGrid grid, int channels, int bitDepth, List<float[]> restored) {
        TileAccumulator accumulator = new TileAccumulator(grid, channels, bitDepth);
        List<TileRegion> tiles = grid.tiles();
        for (int i = 0; i < tiles.size(); i++) {
            accumulator.add(tiles.get(i), restored.get(i));
        }
        return accumulator.result();
    }
}
