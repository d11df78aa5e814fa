package dev.imagerestore.operators.inference.internal;

import dev.imagerestore.operators.inference.InferenceObserver;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The metrics of one inference subtask, in the operator's group {@value #GROUP}: {@code tilesPerSecond}
 * (meter of this subtask's restored tiles), {@code batchSize} (tiles in the batches its tiles rode in,
 * whoever else's tiles they held), {@code queueWaitMs} and {@code inferenceMs} (histograms),
 * {@code imagesRestored} and {@code imagesFailed} (counters) and {@code queuedTiles} (gauge of the
 * shared queue). On a per-image service ({@link dev.imagerestore.operators.inference.ImageProcessor})
 * a work item is a whole image, so {@code tilesPerSecond} and {@code queuedTiles} count images and
 * every {@code batchSize} is 1.
 *
 * <p>Threading: updated from the service's worker thread and the task thread; every metric here is
 * thread-safe.
 */
public final class InferenceMetrics implements InferenceObserver {

    public static final String GROUP = "inference";
    private static final int HISTOGRAM_WINDOW = 1024;

    private final Counter tiles = new ThreadSafeSimpleCounter();
    private final Meter tilesPerSecond = new MeterView(tiles);
    private final Histogram batchSize = new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW);
    private final Histogram queueWaitMillis = new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW);
    private final Histogram inferenceMillis = new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW);
    private final Counter imagesRestored = new ThreadSafeSimpleCounter();
    private final Counter imagesFailed = new ThreadSafeSimpleCounter();

    private InferenceMetrics() {}

    /** Creates the metrics and registers them, with a gauge of {@code queuedTiles}, under {@code parent}. */
    public static InferenceMetrics register(MetricGroup parent, IntSupplier queuedTiles) {
        InferenceMetrics metrics = new InferenceMetrics();
        MetricGroup group = parent.addGroup(GROUP);
        group.meter("tilesPerSecond", metrics.tilesPerSecond);
        group.histogram("batchSize", metrics.batchSize);
        group.histogram("queueWaitMs", metrics.queueWaitMillis);
        group.histogram("inferenceMs", metrics.inferenceMillis);
        group.counter("imagesRestored", metrics.imagesRestored);
        group.counter("imagesFailed", metrics.imagesFailed);
        group.gauge("queuedTiles", queuedTiles::getAsInt);
        return metrics;
    }

    @Override
    public void tileDequeued(long queueWaitNanos) {
        queueWaitMillis.update(TimeUnit.NANOSECONDS.toMillis(queueWaitNanos));
    }

    @Override
    public void batchDone(int size, int ownTiles, long inferenceNanos) {
        tilesPerSecond.markEvent(ownTiles);
        batchSize.update(size);
        inferenceMillis.update(TimeUnit.NANOSECONDS.toMillis(inferenceNanos));
    }

    void imageRestored() {
        imagesRestored.inc();
    }

    void imageFailed() {
        imagesFailed.inc();
    }

    public long tilesProcessed() {
        return tiles.getCount();
    }

    public long imagesRestored() {
        return imagesRestored.getCount();
    }

    public long imagesFailed() {
        return imagesFailed.getCount();
    }

    public Histogram batchSize() {
        return batchSize;
    }

    public Histogram queueWaitMillis() {
        return queueWaitMillis;
    }

    public Histogram inferenceMillis() {
        return inferenceMillis;
    }
}
