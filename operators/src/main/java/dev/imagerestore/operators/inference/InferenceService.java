package dev.imagerestore.operators.inference;

import dev.imagerestore.operators.inference.internal.TileBatcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One model on one device for a whole TaskManager: every slot and subtask that restores with the same
 * model (by {@link TileBatchProcessor.Factory#modelKey()}), device and {@link BatchSettings} shares
 * it, so the weights are loaded once and tiles of all of them fill the same batches.
 *
 * <p>Life cycle: {@link #acquire} finds or creates the service and counts a reference (functions call
 * it in {@code open()}); {@link #release()} drops one (in {@code close()}). A service whose last
 * reference is gone stays loaded for {@link BatchSettings#linger()}, so that a restarted task
 * re-acquires it without reloading the model; {@link #closeIdle()} unloads such services at once
 * (the inference function registers it as the hook that runs when Flink releases the job's class
 * loader).
 *
 * <p>Natives: DJL loads the PyTorch library once per JVM and class loader. On a cluster, put the DJL
 * jars in Flink's {@code lib/} and load them parent-first
 * ({@code classloader.parent-first-patterns.additional: ai.djl.}); otherwise the second job submitted
 * to a TaskManager fails to load the natives that the first job's class loader still holds. This
 * registry itself lives with the job's classes, so services are shared within a job, not across jobs.
 *
 * <p>Threading: all methods are thread-safe. The model runs on the service's single worker thread.
 */
public final class InferenceService {

    private final ServiceRegistry.Key key;
    private final TileBatcher batcher;
    private final ServiceRegistry registry;
    /** Guarded by the registry's lock. */
    private int references;
    /** Guarded by the registry's lock. */
    private boolean closed;

    InferenceService(ServiceRegistry.Key key, TileBatcher batcher, ServiceRegistry registry) {
        this.key = key;
        this.batcher = batcher;
        this.registry = registry;
    }

    /**
     * Finds this TaskManager's service for the factory's model, {@code device} and {@code settings},
     * creating it (and loading the model on this thread) when there is none, and counts a reference.
     */
    public static InferenceService acquire(
            TileBatchProcessor.Factory factory, InferenceDevice device, BatchSettings settings) throws Exception {
        return ServiceRegistry.jvm().acquire(factory, device, settings);
    }

    /** Unloads every service of this TaskManager that no function uses; returns how many. */
    public static int closeIdle() {
        return ServiceRegistry.jvm().closeIdle();
    }

    /**
     * Queues one tile, blocking up to {@code maxBlock} while the queue is full; the future completes on
     * the worker thread with the restored samples, or exceptionally. Cancelling it drops the tile if it
     * has not started.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the queue stayed full or the service
     *     is closed
     */
    public CompletableFuture<float[]> submit(TileWork tile, InferenceObserver observer, Duration maxBlock)
            throws InterruptedException {
        return batcher.submit(tile, observer, maxBlock);
    }

    /** Drops one reference; the last one schedules the unloading after the linger time. */
    public void release() {
        registry.release(this);
    }

    public InferenceDevice device() {
        return key.device();
    }

    public String modelKey() {
        return key.modelKey();
    }

    /** Tiles waiting for the device. */
    public int queuedTiles() {
        return batcher.queuedTiles();
    }

    /** Functions holding this service now. */
    public int references() {
        synchronized (registry) {
            return references;
        }
    }

    public boolean isClosed() {
        synchronized (registry) {
            return closed;
        }
    }

    ServiceRegistry.Key key() {
        return key;
    }

    /** Called with the registry's lock held. */
    int retain() {
        return ++references;
    }

    /** Called with the registry's lock held. */
    int drop() {
        if (references == 0) {
            throw new IllegalStateException("inference service " + key + " released more often than acquired");
        }
        return --references;
    }

    /** Called with the registry's lock held; the caller then stops the batcher outside the lock. */
    void markClosed() {
        closed = true;
    }

    void stop() throws InterruptedException {
        batcher.close();
    }

    @Override
    public String toString() {
        return "InferenceService[" + key.modelKey() + " on " + key.device() + "]";
    }
}
