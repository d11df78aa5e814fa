package dev.imagerestore.job.task;

import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.RestoreAsyncFunction;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import dev.imagerestore.operators.inference.WorkAdapter;
import java.io.Serializable;
import java.util.Objects;

/**
 * What runs a task's work items on the device: a factory of tile processors, whose tiles share
 * batches across images ({@link #tiles}), or of whole-image processors, which run one image at a
 * time ({@link #images}). Immutable and serializable (it holds the factory).
 */
public abstract class Processors<W, R> implements Serializable {

    private static final long serialVersionUID = 1L;

    private Processors() {}

    /** Tiles micro-batched across images by processors of {@code factory}. */
    public static Processors<TileWork, float[]> tiles(TileBatchProcessor.Factory factory) {
        Objects.requireNonNull(factory, "factory");
        return new Processors<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public <IN, P, OUT> RestoreAsyncFunction<IN, OUT> function(
                    WorkAdapter<IN, P, TileWork, float[], OUT> adapter, InferenceSettings settings) {
                return RestoreAsyncFunction.tiles(adapter, factory, settings);
            }

            @Override
            public String modelKey() {
                return factory.modelKey();
            }
        };
    }

    /** Whole images, one at a time, by processors of {@code factory}. */
    public static <W, R> Processors<W, R> images(ImageProcessor.Factory<W, R> factory) {
        Objects.requireNonNull(factory, "factory");
        return new Processors<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public <IN, P, OUT> RestoreAsyncFunction<IN, OUT> function(
                    WorkAdapter<IN, P, W, R, OUT> adapter, InferenceSettings settings) {
                return RestoreAsyncFunction.perImage(adapter, factory, settings);
            }

            @Override
            public String modelKey() {
                return factory.modelKey();
            }
        };
    }

    /** The inference function of the device stage, binding {@code adapter} to these processors. */
    public abstract <IN, P, OUT> RestoreAsyncFunction<IN, OUT> function(
            WorkAdapter<IN, P, W, R, OUT> adapter, InferenceSettings settings);

    /** The factory's model key: which models and settings run. */
    public abstract String modelKey();
}
