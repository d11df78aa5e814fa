package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.BatchSettings;
import dev.imagerestore.operators.inference.InferenceObserver;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A micro-batcher in front of one {@link TileBatchProcessor}: tiles from any number of submitters
 * enter a bounded queue, and one worker thread takes the oldest tile, adds queued tiles until the
 * batch holds {@code maxBatch} or {@code maxWait} has passed since the oldest tile was queued, runs
 * the batch and completes each tile's future.
 *
 * <p>Back-pressure: {@link #submit} blocks while the queue is full, up to the caller's limit; nothing
 * else buffers. Failures: when a batch of several tiles fails, its tiles are run one by one, so a bad
 * tile fails only itself. Tiles whose future was cancelled before their batch formed are skipped.
 *
 * <p>Threading: {@link #submit} is thread-safe; the processor only ever runs on the worker thread,
 * which also closes it. Futures complete on the worker thread, so their callbacks must be cheap.
 */
public final class TileBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TileBatcher.class);

    private final TileBatchProcessor processor;
    private final BatchSettings settings;
    private final String name;
    private final BlockingQueue<PendingTile> queue;
    private final Thread worker;
    private volatile boolean running = true;

    public TileBatcher(TileBatchProcessor processor, BatchSettings settings, String name) {
        this.processor = processor;
        this.settings = settings;
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.worker = new Thread(this::work, "inference-batcher " + name);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a tile, waiting up to {@code maxBlock} for room.
     *
     * @throws RejectedExecutionException when the queue stayed full that long, or the batcher is closed
     */
    public CompletableFuture<float[]> submit(TileWork work, InferenceObserver observer, Duration maxBlock)
            throws InterruptedException {
        PendingTile tile = new PendingTile(work, observer, System.nanoTime());
        if (!running) {
            throw new RejectedExecutionException("the inference service " + name + " is closed");
        }
        if (!queue.offer(tile, maxBlock.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new RejectedExecutionException("the inference queue of " + name + " stayed full ("
                    + settings.queueCapacity() + " tiles, " + InferenceOptions.QUEUE_CAPACITY.key() + ") for "
                    + maxBlock + ": the device is slower than the input; lower the parallelism before the "
                    + "inference stage or raise " + InferenceOptions.TIMEOUT.key());
        }
        if (!running) {
            tile.result().completeExceptionally(new CancellationException("the inference service " + name
                    + " closed"));
        }
        return tile.result();
    }

    /** Tiles waiting in the queue now (at most the queue capacity). */
    public int queuedTiles() {
        return queue.size();
    }

    private void work() {
        List<PendingTile> batch = new ArrayList<>(settings.maxBatch());
        try {
            while (running) {
                PendingTile first = queue.take();
                if (first.isDone()) {
                    continue;
                }
                batch.add(first);
                fill(batch, first.enqueuedNanos() + settings.maxWait().toNanos());
                run(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CancellationException closed = new CancellationException("the inference service " + name + " closed");
            batch.forEach(tile -> tile.result().completeExceptionally(closed));
            for (PendingTile tile = queue.poll(); tile != null; tile = queue.poll()) {
                tile.result().completeExceptionally(closed);
            }
            closeProcessor();
        }
    }

    private void fill(List<PendingTile> batch, long deadlineNanos) throws InterruptedException {
        while (batch.size() < settings.maxBatch()) {
            long remaining = deadlineNanos - System.nanoTime();
            PendingTile next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            if (!next.isDone()) {
                batch.add(next);
            }
        }
    }

    private void run(List<PendingTile> batch) {
        long start = System.nanoTime();
        batch.forEach(tile -> tile.observer().tileDequeued(start - tile.enqueuedNanos()));
        List<float[]> restored;
        try {
            restored = processor.process(batch.stream().map(PendingTile::work).toList());
            checkResults(batch, restored);
        } catch (Exception e) {
            report(batch, System.nanoTime() - start);
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
            } else {
                LOG.warn("Batch of {} tiles failed in {}; running its tiles one by one", batch.size(), name, e);
                batch.forEach(tile -> run(List.of(tile)));
            }
            return;
        } catch (Error e) {
            report(batch, System.nanoTime() - start);
            batch.forEach(tile -> tile.result().completeExceptionally(e));
            throw e;
        }
        report(batch, System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(restored.get(i));
        }
    }

    private static void checkResults(List<PendingTile> batch, List<float[]> restored) {
        if (restored == null || restored.size() != batch.size()) {
            throw new IllegalStateException("the tile processor returned " + (restored == null ? "null" : restored.size())
                    + " tiles for a batch of " + batch.size());
        }
        for (int i = 0; i < batch.size(); i++) {
            int expected = batch.get(i).work().samples().length;
            if (restored.get(i) == null || restored.get(i).length != expected) {
                throw new IllegalStateException("the tile processor returned tile " + i + " with "
                        + (restored.get(i) == null ? "no" : restored.get(i).length) + " samples, expected " + expected);
            }
        }
    }

    private static void report(List<PendingTile> batch, long inferenceNanos) {
        Map<InferenceObserver, Integer> counts = new IdentityHashMap<>();
        batch.forEach(tile -> counts.merge(tile.observer(), 1, Integer::sum));
        counts.forEach((observer, own) -> observer.batchDone(batch.size(), own, inferenceNanos));
    }

    private void closeProcessor() {
        try {
            processor.close();
        } catch (Exception e) {
            LOG.warn("Closing the tile processor of {} failed", name, e);
        }
    }

    /** Stops the worker (after its current batch), fails queued tiles and closes the processor. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join();
    }
}
