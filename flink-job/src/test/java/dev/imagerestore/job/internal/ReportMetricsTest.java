package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ReportMetricsTest {

    /** A metric group that keeps what is registered in it, by "group.name". */
    private static final class Recording extends UnregisteredMetricsGroup {

        final Map<String, Metric> metrics;
        private final String prefix;

        Recording(Map<String, Metric> metrics, String prefix) {
            this.metrics = metrics;
            this.prefix = prefix;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            metrics.put(prefix + name, counter);
            return counter;
        }

        @Override
        public <M extends Meter> M meter(String name, M meter) {
            metrics.put(prefix + name, meter);
            return meter;
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new Recording(metrics, prefix + name + ".");
        }
    }

    @Test
    void countsEachStatusAndThePixelsUnderTheReportGroup() {
        Recording operator = new Recording(new LinkedHashMap<>(), "");
        ReportMetrics metrics = ReportMetrics.register(operator);

        metrics.count("ok", 200 * 100);
        metrics.count("ok", 10);
        metrics.count("failed", 0);
        metrics.count("queued", 0);

        assertThat(operator.metrics)
                .containsKeys(
                        "report.imagesOk",
                        "report.imagesFailed",
                        "report.imagesSkipped",
                        "report.imagesQueued",
                        "report.pixelsRestored",
                        "report.pixelsPerSecond");
        assertThat(((Counter) operator.metrics.get("report.imagesOk")).getCount())
                .isEqualTo(2);
        assertThat(((Counter) operator.metrics.get("report.imagesFailed")).getCount())
                .isEqualTo(1);
        assertThat(((Counter) operator.metrics.get("report.imagesSkipped")).getCount())
                .as("registered before any line")
                .isZero();
        assertThat(((Counter) operator.metrics.get("report.pixelsRestored")).getCount())
                .isEqualTo(20_010);
        assertThat(((Meter) operator.metrics.get("report.pixelsPerSecond")).getCount())
                .isEqualTo(20_010);
    }

    @Test
    void counterNamesAreCamelCase() {
        assertThat(ReportMetrics.counterName("ok")).isEqualTo("imagesOk");
        assertThat(ReportMetrics.counterName("skipped")).isEqualTo("imagesSkipped");
        assertThat(ReportMetrics.counterName("")).isEqualTo("imagesUnknown");
    }
}
