package dev.imagerestore.job.internal;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.tiles.TileChunk;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.types.Either;

/**
 * Counts the tiles the device stage has restored, as its chunks come out (chained to it), into the
 * accumulator {@link RunCounts#TILES_DONE}: with {@link RunCounts#TILES_TOTAL}, the progress within
 * images that flow as tiles. Passes every record on unchanged.
 */
public final class TileProgress extends RichMapFunction<Either<TileChunk, DeadLetter>, Either<TileChunk, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    private transient LongCounter done;

    @Override
    public void open(OpenContext context) {
        done = getRuntimeContext().getLongCounter(RunCounts.TILES_DONE);
    }

    @Override
    public Either<TileChunk, DeadLetter> map(Either<TileChunk, DeadLetter> record) {
        if (record.isLeft()) {
            TileChunk chunk = record.left();
            done.add((long) chunk.regions(chunk.image().grid()).size());
        }
        return record;
    }
}
