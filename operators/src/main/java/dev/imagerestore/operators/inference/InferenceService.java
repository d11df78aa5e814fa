package dev.imagerestore.operators.inference;

import dev.imagerestore.operators.inference.internal.DeviceWorker;
import dev.imagerestore.operators.inference.internal.WorkUnit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One model on one device for a whole TaskManager: every slot and subtask that restores with the same
 * model (by {@link TileBatchProcessor.Factory#modelKey()} or {@link ImageProcessor.Factory#modelKey()}),
 * device and {@link BatchSettings} shares it, so the weights are loaded once and one worker thread
 * runs them. Its work items ({@code W}, results {@code R}) are of one kind, fixed by the factory:
 * tiles ({@link TileWork}, restored samples) of any records, micro-batched up to
 * {@link BatchSettings#maxBatch()}; or whole images, the job's own types, run one at a time because
 * their algorithm steps all tiles of an image together. The queue, its capacity and back-pressure,
 * cancellation and the observer's metrics are the same for both kinds.
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
 * <p>Threading: all methods are thread-safe. The model runs on the service's single worker thread,
 * which also closes it.
 */
public final class InferenceService<W, R> {

    private final ServiceRegistry.Key key;
    private final DeviceWorker<W, R> worker;
    private final ServiceRegistry registry;
    /** Guarded by the registry's lock. */
    private int references;
    /** Guarded by the registry's lock. */
    private boolean closed;

    InferenceService(ServiceRegistry.Key key, DeviceWorker<W, R> worker, ServiceRegistry registry) {
        this.key = key;
        this.worker = worker;
        this.registry = registry;
    }

    /**
     * Finds this TaskManager's service for the factory's model, {@code device} and {@code settings},
     * creating it (and loading the model on this thread) when there is none, and counts a reference.
     *
     * @throws IllegalStateException when a per-image service already holds the factory's model key
     */
    public static InferenceService<TileWork, float[]> acquire(
            TileBatchProcessor.Factory factory, InferenceDevice device, BatchSettings settings) throws Exception {
        return ServiceRegistry.jvm()
                .acquire(
                        factory.modelKey(),
                        WorkUnit.TILE,
                        device,
                        settings,
                        name -> DeviceWorker.forTiles(factory.create(device), settings, name));
    }

    /**
     * Finds this TaskManager's per-image service for the factory's models, {@code device} and
     * {@code settings} (of which only the queue capacity and the linger time apply), creating it
     * (and loading the models on this thread) when there is none, and counts a reference.
     *
     * @throws IllegalStateException when a tile service already holds the factory's model key
     */
    public static <W, R> InferenceService<W, R> acquire(
            ImageProcessor.Factory<W, R> factory, InferenceDevice device, BatchSettings settings) throws Exception {
        return ServiceRegistry.jvm()
                .acquire(
                        factory.modelKey(),
                        WorkUnit.IMAGE,
                        device,
                        settings,
                        name -> DeviceWorker.forImages(factory.create(device), settings, name));
    }

    /** Unloads every service of this TaskManager that no function uses; returns how many. */
    public static int closeIdle() {
        return ServiceRegistry.jvm().closeIdle();
    }

    /**
     * Queues one work item (a tile, or a whole image), blocking up to {@code maxBlock} while the queue
     * is full; the future completes on the worker thread with the item's result, or exceptionally.
     * Cancelling it drops the item if it has not started.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the queue stayed full or the service
     *     is closed
     */
    public CompletableFuture<R> submit(W work, InferenceObserver observer, Duration maxBlock)
            throws InterruptedException {
        return worker.submit(work, observer, maxBlock);
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

    /** Work items waiting for the device: tiles, or whole images for a per-image service. */
    public int queuedTiles() {
        return worker.queued();
    }

    /** What the service's work items are. */
    WorkUnit unit() {
        return worker.unit();
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

    /** Called with the registry's lock held; the caller then stops the worker outside the lock. */
    void markClosed() {
        closed = true;
    }

    void stop() throws InterruptedException {
        worker.close();
    }

    @Override
    public String toString() {
        return "InferenceService[" + key.modelKey() + " on " + key.device() + "]";
    }
}
