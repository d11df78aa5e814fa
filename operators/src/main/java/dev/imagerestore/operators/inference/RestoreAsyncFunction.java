package dev.imagerestore.operators.inference;

import dev.imagerestore.models.runtime.OpenMpWaitPolicy;
import dev.imagerestore.operators.inference.internal.InferenceMetrics;
import dev.imagerestore.operators.inference.internal.RecordTask;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Restores records on the TaskManager's shared, device-bound {@link InferenceService}: each record is
 * split into tiles by its {@link RecordAdapter}, the tiles join the service's batches (with tiles of
 * other records and subtasks), and the restored tiles are assembled into the output record.
 *
 * <p>Contract: every record yields exactly one output record. A record whose splitting, tiles or
 * assembly fail, or which is still unfinished when the async operator's timeout fires, yields the
 * adapter's dead-letter record instead; the job never fails for one image. Timed-out records' tiles
 * that have not started are dropped from the queue.
 *
 * <p>Life cycle: {@code open()} resolves the device ({@link DeviceBinding}) and acquires the service
 * (loading the model if this TaskManager has not yet), and registers the metrics of
 * {@link InferenceMetrics}; {@code close()} drops the records still in flight and releases the service.
 * Use it through {@link InferenceStage#apply}, which sets the capacity and timeout from the same
 * {@link InferenceSettings}.
 *
 * <p>Threading: Flink calls it on the task thread; tile completions arrive on the service's worker.
 */
public final class RestoreAsyncFunction<IN, OUT> extends RichAsyncFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;
    private static final String RELEASE_HOOK = RestoreAsyncFunction.class.getName() + "#closeIdleServices";

    private final RecordAdapter<IN, OUT> adapter;
    private final TileBatchProcessor.Factory processors;
    private final InferenceSettings settings;

    private transient InferenceService service;
    private transient InferenceMetrics metrics;
    private transient Map<ResultFuture<OUT>, RecordTask<IN, OUT>> inFlight;

    public RestoreAsyncFunction(
            RecordAdapter<IN, OUT> adapter, TileBatchProcessor.Factory processors, InferenceSettings settings) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.processors = Objects.requireNonNull(processors, "processors");
        this.settings = Objects.requireNonNull(settings, "settings");
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
        service = InferenceService.acquire(processors, device, settings.batching());
        metrics = InferenceMetrics.register(getRuntimeContext().getMetricGroup(), service::queuedTiles);
    }

    @Override
    public void asyncInvoke(IN record, ResultFuture<OUT> resultFuture) {
        RecordTask<IN, OUT> task = new RecordTask<>(record, resultFuture, adapter, metrics,
                () -> inFlight.remove(resultFuture));
        inFlight.put(resultFuture, task);
        task.start(service, settings.timeout());
    }

    @Override
    public void timeout(IN record, ResultFuture<OUT> resultFuture) {
        RecordTask<IN, OUT> task = inFlight.get(resultFuture);
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
        if (service != null) {
            service.release();
            service = null;
        }
    }

    /** The service this subtask holds (between open and close). */
    InferenceService service() {
        return service;
    }

    /** This subtask's metrics (after open). */
    InferenceMetrics metrics() {
        return metrics;
    }
}
