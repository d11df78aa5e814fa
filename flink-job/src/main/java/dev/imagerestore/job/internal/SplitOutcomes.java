package dev.imagerestore.job.internal;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.RestoredImage;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/** Restored images go on; dead letters of the inference stage go to {@link DeadLetter#OUTPUT_TAG}. */
public final class SplitOutcomes extends ProcessFunction<Either<RestoredImage, DeadLetter>, RestoredImage> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Either<RestoredImage, DeadLetter> outcome, Context ctx, Collector<RestoredImage> out) {
        if (outcome.isLeft()) {
            out.collect(outcome.left());
        } else {
            ctx.output(DeadLetter.OUTPUT_TAG, outcome.right());
        }
    }
}
