package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.BatchSettings;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.inference.InferenceService;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import dev.imagerestore.operators.inference.WorkAdapter;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/**
 * How the records of one inference function reach the device: which service they need and how a
 * record becomes work items ({@code W}) and the items' results ({@code R}) the output record. Tiles
 * ({@link #tiles}) split a record into many items that share batches with other records' tiles; a
 * whole image ({@link #images}) is one item run alone. Everything after the split, from the queue to
 * the dead letter, is the same {@link RecordTask} for both.
 *
 * <p>Serializable and stateless: it travels inside the function and holds the adapter and the
 * processor factory; each record's plan travels in its {@link RecordTask}.
 */
public abstract class WorkRoute<IN, P, W, R, OUT> implements Serializable {

    private static final long serialVersionUID = 2L;

    private final WorkAdapter<IN, P, W, R, OUT> adapter;

    private WorkRoute(WorkAdapter<IN, P, W, R, OUT> adapter) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
    }

    /** Records split into tiles by {@code adapter}, micro-batched by processors of {@code processors}. */
    public static <IN, P, OUT> WorkRoute<IN, P, TileWork, float[], OUT> tiles(
            WorkAdapter<IN, P, TileWork, float[], OUT> adapter, TileBatchProcessor.Factory processors) {
        Objects.requireNonNull(processors, "processors");
        return new WorkRoute<>(adapter) {
            private static final long serialVersionUID = 2L;

            @Override
            InferenceService<TileWork, float[]> acquire(InferenceDevice device, BatchSettings settings)
                    throws Exception {
                return InferenceService.acquire(processors, device, settings);
            }
        };
    }

    /** Records prepared as one whole-image item each by {@code adapter}, run alone by processors of {@code processors}. */
    public static <IN, P, W, R, OUT> WorkRoute<IN, P, W, R, OUT> images(
            WorkAdapter<IN, P, W, R, OUT> adapter, ImageProcessor.Factory<W, R> processors) {
        Objects.requireNonNull(processors, "processors");
        return new WorkRoute<>(adapter) {
            private static final long serialVersionUID = 2L;

            @Override
            InferenceService<W, R> acquire(InferenceDevice device, BatchSettings settings) throws Exception {
                return InferenceService.acquire(processors, device, settings);
            }

            @Override
            PlannedWork<P, W> split(IN record) throws Exception {
                PlannedWork<P, W> work = super.split(record);
                if (work.items().size() != 1) {
                    throw new IllegalStateException("a per-image adapter must prepare one item per record, got "
                            + work.items().size());
                }
                return work;
            }
        };
    }

    /** Finds or creates this TaskManager's service for the route's model on {@code device}, and binds to it. */
    public final Bound<IN, P, W, R, OUT> open(InferenceDevice device, BatchSettings settings) throws Exception {
        return new Bound<>(this, acquire(device, settings));
    }

    abstract InferenceService<W, R> acquire(InferenceDevice device, BatchSettings settings) throws Exception;

    /** The record's work items and plan, in the order {@link #assemble} receives their results. */
    PlannedWork<P, W> split(IN record) throws Exception {
        return Objects.requireNonNull(adapter.split(record), "the adapter planned no work");
    }

    final OUT assemble(IN record, P plan, List<R> results) throws Exception {
        return adapter.assemble(record, plan, results);
    }

    final OUT failed(IN record, Throwable cause) {
        return adapter.failed(record, cause);
    }

    /** A route bound to the service it acquired, from a function's {@code open()} to its {@code close()}. */
    public static final class Bound<IN, P, W, R, OUT> {

        private final WorkRoute<IN, P, W, R, OUT> route;
        private final InferenceService<W, R> service;

        private Bound(WorkRoute<IN, P, W, R, OUT> route, InferenceService<W, R> service) {
            this.route = route;
            this.service = service;
        }

        public InferenceService<W, R> service() {
            return service;
        }

        /** A task for {@code record}, not started yet; {@code onDone} runs once when it completes. */
        public RecordTask<IN, P, W, R, OUT> task(
                IN record, ResultFuture<OUT> resultFuture, InferenceMetrics metrics, Runnable onDone) {
            return new RecordTask<>(record, resultFuture, route, service, metrics, onDone);
        }
    }
}
