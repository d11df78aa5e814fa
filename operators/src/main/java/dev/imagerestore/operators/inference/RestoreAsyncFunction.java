package dev.imagerestore.operators.inference;

import dev.imagerestore.models.runtime.OpenMpWaitPolicy;
import dev.imagerestore.operators.inference.internal.InferenceMetrics;
import dev.imagerestore.operators.inference.internal.RecordTask;
import dev.imagerestore.operators.inference.internal.WorkRoute;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Restores records on the TaskManager's shared, device-bound {@link InferenceService}, bound to its
 * records by a {@link WorkAdapter}. A function of tiles ({@link #tiles}) splits each record into
 * tiles; the tiles join the service's batches (with tiles of other records and subtasks), and the
 * restored tiles are assembled into the output record by the record's plan. A per-image function
 * ({@link #perImage}) prepares each record as one whole-image item, for a task that steps all tiles
 * of an image together; the service runs such items one at a time.
 *
 * <p>Contract: every record yields exactly one output record. A record whose splitting (or
 * preparing), work items or assembly fail, or which is still unfinished when the async operator's
 * timeout fires, yields the adapter's dead-letter record instead; the job never fails for one image.
 * Timed-out records' items that have not started are dropped from the queue.
 *
 * <p>Life cycle: {@code open()} resolves the device ({@link DeviceBinding}) and acquires the service
 * (loading the model onto that device if this TaskManager has not yet), and registers the metrics of
 * {@link InferenceMetrics}; {@code close()} drops the records still in flight and releases the service.
 * Use it through {@link InferenceStage#apply}, which sets the capacity and timeout from the same
 * {@link InferenceSettings}.
 *
 * <p>Threading: Flink calls it on the task thread; item completions arrive on the service's worker.
 */
public final class RestoreAsyncFunction<IN, OUT> extends RichAsyncFunction<IN, OUT> {

    private static final long serialVersionUID = 3L;
    private static final String RELEASE_HOOK = RestoreAsyncFunction.class.getName() + "#closeIdleServices";

    private final WorkRoute<IN, ?, ?, ?, OUT> route;
    private final InferenceSettings settings;

    private transient WorkRoute.Bound<IN, ?, ?, ?, OUT> bound;
    private transient InferenceMetrics metrics;
    private transient Map<ResultFuture<OUT>, RecordTask<IN, ?, ?, ?, OUT>> inFlight;

    /** A function of tiles: records split by {@code adapter}, tiles micro-batched by processors of {@code processors}. */
    public static <IN, P, OUT> RestoreAsyncFunction<IN, OUT> tiles(
            WorkAdapter<IN, P, TileWork, float[], OUT> adapter,
            TileBatchProcessor.Factory processors,
            InferenceSettings settings) {
        return new RestoreAsyncFunction<>(WorkRoute.tiles(adapter, processors), settings);
    }

    private RestoreAsyncFunction(WorkRoute<IN, ?, ?, ?, OUT> route, InferenceSettings settings) {
        this.route = route;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A per-image function: each record becomes one whole-image item ({@code adapter}), run alone on
     * the device by processors of {@code processors}. The settings' capacity, timeout, queue capacity
     * and device apply; their tiling and batching are the processor's own business.
     */
    public static <IN, P, W, R, OUT> RestoreAsyncFunction<IN, OUT> perImage(
            WorkAdapter<IN, P, W, R, OUT> adapter,
            ImageProcessor.Factory<W, R> processors,
            InferenceSettings settings) {
        return new RestoreAsyncFunction<>(WorkRoute.images(adapter, processors), settings);
    }

    public InferenceSettings settings() {
        return settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        OpenMpWaitPolicy.boundedSpinUnlessSet(); // before anything loads PyTorch (device binding may)
        InferenceDevice device = DeviceBinding.resolve(settings, getRuntimeContext());
        getRuntimeContext().registerUserCodeClassLoaderReleaseHookIfAbsent(RELEASE_HOOK, InferenceService::closeIdle);
        inFlight = new ConcurrentHashMap<>();
        bound = route.open(device, settings.batching());
        InferenceService<?, ?> service = bound.service();
        metrics = InferenceMetrics.register(getRuntimeContext().getMetricGroup(), service::queuedTiles);
    }

    @Override
    public void asyncInvoke(IN record, ResultFuture<OUT> resultFuture) {
        RecordTask<IN, ?, ?, ?, OUT> task =
                bound.task(record, resultFuture, metrics, () -> inFlight.remove(resultFuture));
        inFlight.put(resultFuture, task);
        task.start(settings.timeout());
    }

    @Override
    public void timeout(IN record, ResultFuture<OUT> resultFuture) {
        RecordTask<IN, ?, ?, ?, OUT> task = inFlight.get(resultFuture);
        if (task != null) {
            task.timeout(new TimeoutException("restoring the image took longer than "
                    + InferenceOptions.TIMEOUT.key() + " = " + settings.timeout() + "; raise it, or lower "
                    + InferenceOptions.TILE_SIZE.key() + " or the parallelism sharing this TaskManager's device"));
        }
    }

    @Override
    public void close() throws Exception {
        if (inFlight != null) {
            inFlight.values().forEach(RecordTask::cancel);
            inFlight.clear();
        }
        if (bound != null) {
            bound.service().release();
            bound = null;
        }
    }

    /** The service this subtask holds (between open and close). */
    InferenceService<?, ?> service() {
        return bound == null ? null : bound.service();
    }

    /** This subtask's metrics (after open). */
    InferenceMetrics metrics() {
        return metrics;
    }
}
