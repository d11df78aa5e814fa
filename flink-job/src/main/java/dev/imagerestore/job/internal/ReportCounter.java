package dev.imagerestore.job.internal;

import com.google.gson.JsonObject;
import dev.imagerestore.operators.ReportJson;
import dev.imagerestore.operators.ReportLine;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns outcomes into report lines and counts each line in the job's accumulators as it is made:
 * one counter per {@code status} ({@link RunCounts#STATUS_PREFIX} + status), the pixels of the
 * lines that carry a {@code width} and {@code height}, and the latest file. The counting reads
 * only those fields, so lines with more fields or new statuses are counted as they come.
 *
 * <p>It runs chained to the operator that decided the outcome, not at the report sink: in a
 * bounded run the sink receives its lines only when its inputs end, while the accumulators of a
 * running task reach the job manager with every heartbeat. {@link RunCounts#of} reads them back.
 * The same counts are Flink metrics ({@link ReportMetrics}), for the web UI of a cluster run.
 */
public final class ReportCounter<T> extends RichMapFunction<T, ReportLine> {

    private static final long serialVersionUID = 1L;

    private final MapFunction<T, ReportLine> toLine;
    private transient LongCounter pixels;
    private transient LatestFile latest;
    private transient ReportMetrics metrics;

    public ReportCounter(MapFunction<T, ReportLine> toLine) {
        this.toLine = toLine;
    }

    @Override
    public void open(OpenContext openContext) {
        pixels = getRuntimeContext().getLongCounter(RunCounts.PIXELS);
        metrics = ReportMetrics.register(getRuntimeContext().getMetricGroup());
        latest = new LatestFile();
        if (getRuntimeContext().getAccumulator(RunCounts.LATEST) == null) {
            getRuntimeContext().addAccumulator(RunCounts.LATEST, latest);
        } else {
            latest = (LatestFile) getRuntimeContext().<String, String>getAccumulator(RunCounts.LATEST);
        }
    }

    @Override
    public ReportLine map(T outcome) throws Exception {
        ReportLine line = toLine.map(outcome);
        JsonObject json = ReportJson.parse(line.toJson());
        String status = json.get("status").getAsString();
        getRuntimeContext().getLongCounter(RunCounts.STATUS_PREFIX + status).add(1L);
        long size = json.has("width") && json.has("height")
                ? json.get("width").getAsLong() * json.get("height").getAsLong()
                : 0;
        pixels.add(size);
        metrics.count(status, size);
        String file = RunSummary.fileOf(json);
        if (!file.isEmpty()) {
            latest.add(file);
        }
        return line;
    }
}
