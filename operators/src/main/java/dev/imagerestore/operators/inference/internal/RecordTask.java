package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.InferenceService;
import dev.imagerestore.operators.inference.RecordAdapter;
import dev.imagerestore.operators.inference.TileWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/**
 * One image in flight through the inference stage: its tiles' futures and the Flink result future it
 * completes exactly once, with the assembled record, or with a dead-letter record when splitting,
 * a tile, assembling or the clock fails it.
 *
 * <p>Threading: {@link #start}, {@link #timeout} and {@link #cancel} run on the task thread; tile
 * completions arrive on the service's worker thread. The output record is built on the task thread:
 * the result future is completed with a supplier, which Flink runs in the task's mailbox, so that
 * assembling never stalls the device.
 */
public final class RecordTask<IN, OUT> {

    private final IN record;
    private final ResultFuture<OUT> resultFuture;
    private final RecordAdapter<IN, OUT> adapter;
    private final InferenceMetrics metrics;
    private final Runnable onDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<CompletableFuture<float[]>> tiles = new ArrayList<>();

    public RecordTask(IN record, ResultFuture<OUT> resultFuture, RecordAdapter<IN, OUT> adapter,
            InferenceMetrics metrics, Runnable onDone) {
        this.record = record;
        this.resultFuture = resultFuture;
        this.adapter = adapter;
        this.metrics = metrics;
        this.onDone = onDone;
    }

    /** Splits the record and queues its tiles, blocking up to {@code maxBlock} per tile on a full queue. */
    public void start(InferenceService service, Duration maxBlock) {
        try {
            for (TileWork tile : adapter.split(record)) {
                tiles.add(service.submit(tile, metrics, maxBlock));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return;
        } catch (Exception e) {
            fail(e);
            return;
        }
        CompletableFuture.allOf(tiles.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
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

    /** Drops the record without output (the task is closing); its queued tiles are skipped. */
    public void cancel() {
        if (done.compareAndSet(false, true)) {
            cancelTiles();
        }
    }

    private void succeed() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        onDone.run();
        List<float[]> restored = tiles.stream().map(CompletableFuture::join).toList();
        resultFuture.complete(() -> {
            try {
                OUT out = adapter.assemble(record, restored);
                metrics.imageRestored();
                return List.of(out);
            } catch (Exception e) {
                metrics.imageFailed();
                return List.of(adapter.failed(record, e));
            }
        });
    }

    private void fail(Throwable cause) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        onDone.run();
        cancelTiles();
        metrics.imageFailed();
        resultFuture.complete(() -> List.of(adapter.failed(record, cause)));
    }

    private void cancelTiles() {
        tiles.forEach(tile -> tile.cancel(false));
    }
}
