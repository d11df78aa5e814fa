package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.InferenceObserver;
import java.util.concurrent.CompletableFuture;

/**
 * An entry in the queue of a {@link DeviceWorker}: the work item (a tile or a whole image), who
 * submitted it, when, and the future its result completes. Cancelling the future (a timed-out
 * record does) makes the worker skip the item if it has not started yet.
 */
final class PendingWork<W, R> {

    private final W work;
    private final InferenceObserver observer;
    private final long enqueuedNanos;
    private final CompletableFuture<R> result = new CompletableFuture<>();

    PendingWork(W work, InferenceObserver observer, long enqueuedNanos) {
        this.work = work;
        this.observer = observer;
        this.enqueuedNanos = enqueuedNanos;
    }

    W work() {
        return work;
    }

    InferenceObserver observer() {
        return observer;
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    CompletableFuture<R> result() {
        return result;
    }

    boolean isDone() {
        return result.isDone();
    }
}
