package dev.imagerestore.job.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * The report's counts as Flink metrics, for the web UI and any metric reporter of a cluster run,
 * registered in the group {@value #GROUP} of each operator that makes report lines: a counter per
 * status ({@code imagesOk}, {@code imagesFailed}, {@code imagesSkipped}, and so on for any other
 * status), {@code pixelsRestored} (width x height of the lines that carry them) and
 * {@code pixelsPerSecond}, a meter over the last {@value #METER_SECONDS} s. Each operator counts its
 * own lines (restored images at the writer's check, failures at the stage that failed), so a run's
 * totals are the sums over the operators, as the accumulators' are. Not thread-safe: one per subtask.
 */
public final class ReportMetrics {

    /** The metric group's name under the operator's. */
    public static final String GROUP = "report";
    /** The span of the pixel rate, in seconds. */
    public static final int METER_SECONDS = 60;

    private final MetricGroup group;
    private final Map<String, Counter> byStatus = new HashMap<>();
    private final Counter pixels;

    private ReportMetrics(MetricGroup group) {
        this.group = group;
        this.pixels = group.counter("pixelsRestored");
        group.meter("pixelsPerSecond", new MeterView(pixels, METER_SECONDS));
        for (String status : new String[] {"ok", "failed", "skipped"}) {
            counter(status);
        }
    }

    /** Registers the metrics in {@code operatorGroup}'s subgroup {@value #GROUP}. */
    public static ReportMetrics register(MetricGroup operatorGroup) {
        return new ReportMetrics(operatorGroup.addGroup(GROUP));
    }

    /** Counts one report line of {@code status} over {@code pixels} pixels (0 when it names no size). */
    public void count(String status, long pixels) {
        counter(status).inc();
        if (pixels > 0) {
            this.pixels.inc(pixels);
        }
    }

    /** {@code images} followed by the status with its first letter capitalised: {@code imagesOk}. */
    static String counterName(String status) {
        if (status.isEmpty()) {
            return "imagesUnknown";
        }
        return "images" + status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
    }

    private Counter counter(String status) {
        return byStatus.computeIfAbsent(status, s -> group.counter(counterName(s)));
    }
}
