package dev.imagerestore.job.internal;

import dev.imagerestore.operators.decode.DecodeFunction;
import dev.imagerestore.operators.tiles.SplitIntoTiles;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run has reported so far, read from the accumulators {@link ReportCounter} keeps: lines by
 * status, pixels of the restored images, and the latest file. Immutable.
 *
 * @param byStatus report lines by their {@code status} ("ok", "failed", "skipped", any other)
 * @param pixels width x height summed over the lines that have them
 * @param latestFile the input most recently reported, or empty
 * @param admitted the report lines to come, counted as the decoder emits their records
 *     ({@link DecodeFunction#ADMITTED}); 0 where unknown
 * @param tilesDone tiles restored of the images that flow as tiles
 * @param tilesTotal tiles of those images cut so far
 */
public record RunCounts(
        Map<String, Long> byStatus, long pixels, String latestFile, long admitted, long tilesDone, long tilesTotal) {

    /** Accumulator name prefix of the per-status line counters. */
    public static final String STATUS_PREFIX = "report.status.";
    /** Accumulator name of the pixel counter. */
    public static final String PIXELS = "report.pixels";
    /** Accumulator name of the latest file. */
    public static final String LATEST = "report.latest";

    /** Accumulator name of the tiles cut from images that flow as tiles ({@link SplitIntoTiles#TILES_TOTAL}). */
    public static final String TILES_TOTAL = SplitIntoTiles.TILES_TOTAL;
    /** Accumulator name of the tiles restored ({@link TileProgress}). */
    public static final String TILES_DONE = "report.tiles.done";

    /** Accumulator name of the admitted count. */
    public static final String ADMITTED = DecodeFunction.ADMITTED;

    /** Nothing reported yet. */
    public static final RunCounts NONE = new RunCounts(Map.of(), 0, "");

    public RunCounts {
        byStatus = Map.copyOf(byStatus);
    }

    /** Counts without tiles. */
    public RunCounts(Map<String, Long> byStatus, long pixels, String latestFile, long admitted) {
        this(byStatus, pixels, latestFile, admitted, 0, 0);
    }

    /** Counts without the admitted count and tiles. */
    public RunCounts(Map<String, Long> byStatus, long pixels, String latestFile) {
        this(byStatus, pixels, latestFile, 0);
    }

    /** The counts in a job's accumulator results (as a JobClient or JobExecutionResult hands them out). */
    public static RunCounts of(Map<String, Object> accumulators) {
        Map<String, Long> byStatus = new TreeMap<>();
        long pixels = 0;
        String latest = "";
        long admitted = 0;
        long tilesDone = 0;
        long tilesTotal = 0;
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            if (e.getKey().startsWith(STATUS_PREFIX) && e.getValue() instanceof Number n) {
                byStatus.put(e.getKey().substring(STATUS_PREFIX.length()), n.longValue());
            } else if (e.getKey().equals(PIXELS) && e.getValue() instanceof Number n) {
                pixels = n.longValue();
            } else if (e.getKey().equals(LATEST) && e.getValue() != null) {
                latest = e.getValue().toString();
            } else if (e.getKey().equals(ADMITTED) && e.getValue() instanceof Number n) {
                admitted = n.longValue();
            } else if (e.getKey().equals(TILES_DONE) && e.getValue() instanceof Number n) {
                tilesDone = n.longValue();
            } else if (e.getKey().equals(TILES_TOTAL) && e.getValue() instanceof Number n) {
                tilesTotal = n.longValue();
            }
        }
        return new RunCounts(byStatus, pixels, latest, admitted, tilesDone, tilesTotal);
    }

    public long count(String status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Lines of every status: the inputs this run has finished with. */
    public long processed() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Images decoded (or letters made) whose report line has not come yet: what is in progress. */
    public long inProgress() {
        return Math.max(0, admitted - processed());
    }

    public double megapixels() {
        return pixels / 1e6;
    }
}
