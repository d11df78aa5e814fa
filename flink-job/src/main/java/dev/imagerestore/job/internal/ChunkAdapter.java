package dev.imagerestore.job.internal;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.inference.WorkAdapter;
import dev.imagerestore.operators.tiles.TileChunk;
import java.util.List;
import org.apache.flink.types.Either;

/**
 * Binds the device stage of the tiled path to {@link TileChunk}s: a chunk is one work item (one
 * forward pass), its result the chunk's restored samples; a failure becomes the dead letter of the
 * chunk's image (the stitching stage reports it once per image). Stateless.
 */
public final class ChunkAdapter
        implements WorkAdapter<TileChunk, Void, TileChunk, float[], Either<TileChunk, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    @Override
    public PlannedWork<Void, TileChunk> split(TileChunk chunk) {
        return PlannedWork.single(null, chunk);
    }

    @Override
    public Either<TileChunk, DeadLetter> assemble(TileChunk chunk, Void plan, List<float[]> results) {
        return Either.Left(chunk.withOutputs(results.get(0)));
    }

    @Override
    public Either<TileChunk, DeadLetter> failed(TileChunk chunk, Throwable cause) {
        // as the whole-image path words it: "page 2 of 3: " before the reason of a page of many
        return Either.Right(DeadLetter.of(chunk.image().relativePath(), PipelineStage.INFERENCE, cause)
                .aboutPage(chunk.image().page(), chunk.image().pages()));
    }
}
