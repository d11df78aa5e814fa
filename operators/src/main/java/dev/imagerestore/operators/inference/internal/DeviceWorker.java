package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.BatchSettings;
import dev.imagerestore.operators.inference.ImageProcessor;
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
 * The one thread that runs a model on its device, behind a bounded queue: work items from any
 * number of submitters enter the queue, and the worker takes the oldest item, adds queued items
 * until the batch holds {@code maxBatch} or {@code maxWait} has passed since the oldest was queued,
 * runs the batch and completes each item's future. Tiles ({@link #forTiles}) are micro-batched so;
 * whole images ({@link #forImages}) run one at a time ({@code maxBatch} 1), because the algorithms
 * that need them step all tiles of one image together.
 *
 * <p>Back-pressure: {@link #submit} blocks while the queue is full, up to the caller's limit; nothing
 * else buffers. Failures: when a batch of several items fails, its items are run one by one, so a bad
 * item fails only itself. Items whose future was cancelled before their batch formed are skipped.
 *
 * <p>Threading: {@link #submit} is thread-safe; the processor only ever runs on the worker thread,
 * which also closes it. Futures complete on the worker thread, so their callbacks must be cheap.
 */
public final class DeviceWorker<W, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceWorker.class);

    /** Runs one batch of items; returns one result per item, in order. */
    @FunctionalInterface
    private interface Batch<W, R> {
        List<R> run(List<W> items) throws Exception;
    }

    private final WorkUnit unit;
    private final Batch<W, R> batchRunner;
    private final AutoCloseable processor;
    private final int maxBatch;
    private final Duration maxWait;
    private final int queueCapacity;
    private final String name;
    private final BlockingQueue<PendingWork<W, R>> queue;
    private final Thread worker;
    private volatile boolean running = true;

    private DeviceWorker(
            WorkUnit unit,
            Batch<W, R> batchRunner,
            AutoCloseable processor,
            int maxBatch,
            Duration maxWait,
            int queueCapacity,
            String name) {
        this.unit = unit;
        this.batchRunner = batchRunner;
        this.processor = processor;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.queueCapacity = queueCapacity;
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.worker = new Thread(this::work, "inference-worker " + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** A micro-batcher of tiles in front of {@code processor}, batching as {@code settings} say. */
    public static DeviceWorker<TileWork, float[]> forTiles(
            TileBatchProcessor processor, BatchSettings settings, String name) {
        return new DeviceWorker<>(
                WorkUnit.TILE,
                tiles -> checkTiles(tiles, processor.process(tiles)),
                processor,
                settings.maxBatch(),
                settings.maxWait(),
                settings.queueCapacity(),
                name);
    }

    /**
     * A worker that runs whole images through {@code processor} one at a time, with the queue
     * capacity of {@code settings} (in images); their batching settings do not apply.
     */
    public static <W, R> DeviceWorker<W, R> forImages(
            ImageProcessor<W, R> processor, BatchSettings settings, String name) {
        return new DeviceWorker<>(
                WorkUnit.IMAGE,
                images -> List.of(checkImage(processor.process(images.get(0)))),
                processor,
                1,
                Duration.ZERO,
                settings.queueCapacity(),
                name);
    }

    public WorkUnit unit() {
        return unit;
    }

    /**
     * Queues an item, waiting up to {@code maxBlock} for room.
     *
     * @throws RejectedExecutionException when the queue stayed full that long, or the worker is closed
     */
    public CompletableFuture<R> submit(W work, InferenceObserver observer, Duration maxBlock)
            throws InterruptedException {
        PendingWork<W, R> item = new PendingWork<>(work, observer, System.nanoTime());
        if (!running) {
            throw new RejectedExecutionException("the inference service " + name + " is closed");
        }
        if (!queue.offer(item, maxBlock.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new RejectedExecutionException("the inference queue of " + name + " stayed full ("
                    + queueCapacity + " " + unit.plural() + ", " + InferenceOptions.QUEUE_CAPACITY.key() + ") for "
                    + maxBlock + ": the device is slower than the input; lower the parallelism before the "
                    + "inference stage or raise " + InferenceOptions.TIMEOUT.key());
        }
        if (!running) {
            item.result().completeExceptionally(new CancellationException("the inference service " + name + " closed"));
        }
        return item.result();
    }

    /** Items waiting in the queue now (at most the queue capacity). */
    public int queued() {
        return queue.size();
    }

    private void work() {
        List<PendingWork<W, R>> batch = new ArrayList<>(maxBatch);
        try {
            while (running) {
                PendingWork<W, R> first = queue.take();
                if (first.isDone()) {
                    continue;
                }
                batch.add(first);
                fill(batch, first.enqueuedNanos() + maxWait.toNanos());
                run(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CancellationException closed = new CancellationException("the inference service " + name + " closed");
            batch.forEach(item -> item.result().completeExceptionally(closed));
            for (PendingWork<W, R> item = queue.poll(); item != null; item = queue.poll()) {
                item.result().completeExceptionally(closed);
            }
            closeProcessor();
        }
    }

    private void fill(List<PendingWork<W, R>> batch, long deadlineNanos) throws InterruptedException {
        while (batch.size() < maxBatch) {
            long remaining = deadlineNanos - System.nanoTime();
            PendingWork<W, R> next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            if (!next.isDone()) {
                batch.add(next);
            }
        }
    }

    private void run(List<PendingWork<W, R>> batch) {
        long start = System.nanoTime();
        batch.forEach(item -> item.observer().tileDequeued(start - item.enqueuedNanos()));
        List<R> results;
        try {
            results = batchRunner.run(batch.stream().map(PendingWork::work).toList());
            if (results == null || results.size() != batch.size()) {
                throw new IllegalStateException("the processor returned " + (results == null ? "null" : results.size())
                        + " results for a batch of " + batch.size() + " " + unit.plural());
            }
        } catch (Exception e) {
            report(batch, System.nanoTime() - start);
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
            } else {
                LOG.warn("Batch of {} {} failed in {}; running them one by one", batch.size(), unit.plural(), name, e);
                batch.forEach(item -> run(List.of(item)));
            }
            return;
        } catch (Error e) {
            report(batch, System.nanoTime() - start);
            batch.forEach(item -> item.result().completeExceptionally(e));
            throw e;
        }
        report(batch, System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    private static List<float[]> checkTiles(List<TileWork> batch, List<float[]> restored) {
        if (restored == null || restored.size() != batch.size()) {
            return restored;
        }
        for (int i = 0; i < batch.size(); i++) {
            int expected = batch.get(i).samples().length;
            if (restored.get(i) == null || restored.get(i).length != expected) {
                throw new IllegalStateException("the tile processor returned tile " + i + " with "
                        + (restored.get(i) == null ? "no" : restored.get(i).length) + " samples, expected " + expected);
            }
        }
        return restored;
    }

    private static <R> R checkImage(R result) {
        if (result == null) {
            throw new IllegalStateException("the image processor returned no result");
        }
        return result;
    }

    private static <W, R> void report(List<PendingWork<W, R>> batch, long inferenceNanos) {
        Map<InferenceObserver, Integer> counts = new IdentityHashMap<>();
        batch.forEach(item -> counts.merge(item.observer(), 1, Integer::sum));
        counts.forEach((observer, own) -> observer.batchDone(batch.size(), own, inferenceNanos));
    }

    private void closeProcessor() {
        try {
            processor.close();
        } catch (Exception e) {
            LOG.warn("Closing the processor of {} failed", name, e);
        }
    }

    /** Stops the worker (after its current batch), fails queued items and closes the processor. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join();
    }
}
