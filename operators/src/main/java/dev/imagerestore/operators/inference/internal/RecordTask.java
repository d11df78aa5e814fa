package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.InferenceService;
import dev.imagerestore.operators.inference.PlannedWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/**
 * One image in flight through the inference stage: its work items' futures (its tiles, or the one
 * whole-image item, as its {@link WorkRoute} splits it) and the Flink result future it completes
 * exactly once, with the record assembled by the plan its split made, or with a dead-letter record when splitting, an item,
 * assembling or the clock fails it.
 *
 * <p>Threading: {@link #start}, {@link #timeout} and {@link #cancel} run on the task thread; item
 * completions arrive on the service's worker thread. The output record is built on the task thread:
 * the result future is completed with a supplier, which Flink runs in the task's mailbox, so that
 * assembling never stalls the device.
 */
public final class RecordTask<IN, P, W, R, OUT> {

    private final IN record;
    private final ResultFuture<OUT> resultFuture;
    private final WorkRoute<IN, P, W, R, OUT> route;
    private final InferenceService<W, R> service;
    private final InferenceMetrics metrics;
    private final Runnable onDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<CompletableFuture<R>> items = new ArrayList<>();
    private P plan;

    RecordTask(
            IN record,
            ResultFuture<OUT> resultFuture,
            WorkRoute<IN, P, W, R, OUT> route,
            InferenceService<W, R> service,
            InferenceMetrics metrics,
            Runnable onDone) {
        this.record = record;
        this.resultFuture = resultFuture;
        this.route = route;
        this.service = service;
        this.metrics = metrics;
        this.onDone = onDone;
    }

    /** Splits the record and queues its items, blocking up to {@code maxBlock} per item on a full queue. */
    public void start(Duration maxBlock) {
        try {
            PlannedWork<P, W> work = route.split(record);
            plan = work.plan();
            for (W item : work.items()) {
                items.add(service.submit(item, metrics, maxBlock));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return;
        } catch (Exception e) {
            fail(e);
            return;
        }
        CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error == null) {
                succeed();
            } else {
                fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
    }

    /** Turns the record into a dead letter with {@code cause} unless it already completed. */
    public void timeout(Throwable cause) {
        fail(cause);
    }

    /** Drops the record without output (the task is closing); its queued items are skipped. */
    public void cancel() {
        if (done.compareAndSet(false, true)) {
            cancelItems();
        }
    }

    private void succeed() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        onDone.run();
        List<R> results = items.stream().map(CompletableFuture::join).toList();
        resultFuture.complete(() -> {
            try {
                OUT out = route.assemble(record, plan, results);
                metrics.imageRestored();
                return List.of(out);
            } catch (Exception e) {
                metrics.imageFailed();
                return List.of(route.failed(record, e));
            }
        });
    }

    private void fail(Throwable cause) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        onDone.run();
        cancelItems();
        metrics.imageFailed();
        resultFuture.complete(() -> List.of(route.failed(record, cause)));
    }

    private void cancelItems() {
        items.forEach(item -> item.cancel(false));
    }
}
