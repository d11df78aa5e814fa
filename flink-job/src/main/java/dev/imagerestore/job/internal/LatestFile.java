package dev.imagerestore.job.internal;

import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Accumulator of the file most recently reported, across subtasks: each subtask keeps its latest
 * file with the wall-clock time it was seen, and merging keeps the newer one. For the progress line
 * only (clocks of one machine on the embedded mini cluster).
 */
public final class LatestFile implements Accumulator<String, String> {

    private static final long serialVersionUID = 1L;

    private String file = "";
    private long seenMillis = Long.MIN_VALUE;

    @Override
    public void add(String value) {
        set(value, System.currentTimeMillis());
    }

    private void set(String value, long millis) {
        if (millis >= seenMillis) {
            file = value;
            seenMillis = millis;
        }
    }

    @Override
    public String getLocalValue() {
        return file;
    }

    @Override
    public void resetLocal() {
        file = "";
        seenMillis = Long.MIN_VALUE;
    }

    @Override
    public void merge(Accumulator<String, String> other) {
        LatestFile latest = (LatestFile) other;
        set(latest.file, latest.seenMillis);
    }

    @Override
    public LatestFile clone() {
        LatestFile copy = new LatestFile();
        copy.file = file;
        copy.seenMillis = seenMillis;
        return copy;
    }
}
