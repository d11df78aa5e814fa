package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.BatchSettings;
import dev.imagerestore.operators.inference.ImageAdapter;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.inference.InferenceService;
import dev.imagerestore.operators.inference.RecordAdapter;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
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
 * processor factory.
 */
public abstract class WorkRoute<IN, W, R, OUT> implements Serializable {

    private static final long serialVersionUID = 1L;

    private WorkRoute() {}

    /** Records split into tiles by {@code adapter}, micro-batched by processors of {@code processors}. */
    public static <IN, OUT> WorkRoute<IN, TileWork, float[], OUT> tiles(
            RecordAdapter<IN, OUT> adapter, TileBatchProcessor.Factory processors) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(processors, "processors");
        return new WorkRoute<>() {
            private static final long serialVersionUID = 1L;

            @Override
            InferenceService<TileWork, float[]> acquire(InferenceDevice device, BatchSettings settings)
                    throws Exception {
                return InferenceService.acquire(processors, device, settings);
            }

            @Override
            List<TileWork> split(IN record) throws Exception {
                return adapter.split(record);
            }

            @Override
            OUT assemble(IN record, List<float[]> results) throws Exception {
                return adapter.assemble(record, results);
            }

            @Override
            OUT failed(IN record, Throwable cause) {
                return adapter.failed(record, cause);
            }
        };
    }

    /** Records prepared as one whole-image item each by {@code adapter}, run alone by processors of {@code processors}. */
    public static <IN, W, R, OUT> WorkRoute<IN, W, R, OUT> images(
            ImageAdapter<IN, W, R, OUT> adapter, ImageProcessor.Factory<W, R> processors) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(processors, "processors");
        return new WorkRoute<>() {
            private static final long serialVersionUID = 1L;

            @Override
            InferenceService<W, R> acquire(InferenceDevice device, BatchSettings settings) throws Exception {
                return InferenceService.acquire(processors, device, settings);
            }

            @Override
            List<W> split(IN record) throws Exception {
                return List.of(Objects.requireNonNull(adapter.prepare(record), "the image adapter prepared no work"));
            }

            @Override
            OUT assemble(IN record, List<R> results) throws Exception {
                return adapter.assemble(record, results.get(0));
            }

            @Override
            OUT failed(IN record, Throwable cause) {
                return adapter.failed(record, cause);
            }
        };
    }

    /** Finds or creates this TaskManager's service for the route's model on {@code device}, and binds to it. */
    public final Bound<IN, W, R, OUT> open(InferenceDevice device, BatchSettings settings) throws Exception {
        return new Bound<>(this, acquire(device, settings));
    }

    abstract InferenceService<W, R> acquire(InferenceDevice device, BatchSettings settings) throws Exception;

    /** The record's work items, in the order {@link #assemble} receives their results. */
    abstract List<W> split(IN record) throws Exception;

    abstract OUT assemble(IN record, List<R> results) throws Exception;

    abstract OUT failed(IN record, Throwable cause);

    /** A route bound to the service it acquired, from a function's {@code open()} to its {@code close()}. */
    public static final class Bound<IN, W, R, OUT> {

        private final WorkRoute<IN, W, R, OUT> route;
        private final InferenceService<W, R> service;

        private Bound(WorkRoute<IN, W, R, OUT> route, InferenceService<W, R> service) {
            this.route = route;
            this.service = service;
        }

        public InferenceService<W, R> service() {
            return service;
        }

        /** A task for {@code record}, not started yet; {@code onDone} runs once when it completes. */
        public RecordTask<IN, W, R, OUT> task(IN record, ResultFuture<OUT> resultFuture, InferenceMetrics metrics,
                Runnable onDone) {
            return new RecordTask<>(record, resultFuture, route, service, metrics, onDone);
        }
    }
}
