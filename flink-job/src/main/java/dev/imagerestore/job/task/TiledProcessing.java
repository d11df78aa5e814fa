package dev.imagerestore.job.task;

import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.tiles.NoiseProbe;
import dev.imagerestore.operators.tiles.SplitIntoTiles;
import dev.imagerestore.operators.tiles.TileChunk;
import java.io.Serializable;
import java.util.Objects;

/**
 * How a task restores an image that flows through the job as a stream of tiles: how the image is cut
 * (the grid and batches its whole-image path uses, so the results are the same), and the factory of
 * the processors that restore one chunk, one forward pass, on any subtask's device. Immutable.
 *
 * @param cutting the tile side, overlap, the model's size multiple and tiles per chunk
 * @param processors what restores a chunk: its result is the chunk's restored samples, in its layout
 * @param noise the noise level each image gets ({@link NoiseProbe#NONE} for tasks without one)
 */
public record TiledProcessing(
        SplitIntoTiles.Cutting cutting, ImageProcessor.Factory<TileChunk, float[]> processors, NoiseProbe noise)
        implements Serializable {

    public TiledProcessing {
        Objects.requireNonNull(cutting, "cutting");
        Objects.requireNonNull(processors, "processors");
        Objects.requireNonNull(noise, "noise");
    }
}
