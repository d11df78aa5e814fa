package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.InferenceObserver;
import dev.imagerestore.operators.inference.TileWork;
import java.util.concurrent.CompletableFuture;

/**
 * A tile in the queue of a {@link TileBatcher}: the work, who submitted it, when, and the future its
 * restored samples complete. Cancelling the future (a timed-out image does) makes the batcher skip
 * the tile if it has not started yet.
 */
public final class PendingTile {

    private final TileWork work;
    private final InferenceObserver observer;
    private final long enqueuedNanos;
    private final CompletableFuture<float[]> result = new CompletableFuture<>();

    PendingTile(TileWork work, InferenceObserver observer, long enqueuedNanos) {
        this.work = work;
        this.observer = observer;
        this.enqueuedNanos = enqueuedNanos;
    }

    TileWork work() {
        return work;
    }

    InferenceObserver observer() {
        return observer;
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    CompletableFuture<float[]> result() {
        return result;
    }

    boolean isDone() {
        return result.isDone();
    }
}
