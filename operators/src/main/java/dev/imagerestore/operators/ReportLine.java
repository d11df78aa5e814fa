package dev.imagerestore.operators;

import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One line of the run report (JSON lines, one object per input entry), in one of three shapes:
 *
 * <pre>{@code
 * {"status":"ok","input":"a/b.png","output":"a/b.png","task":"denoise","width":640,"height":480,
 *  "bitDepth":16,"format":"png","noiseLevel":0.05,"timingsMs":{"decode":12,"inference":900,"encode":30},
 *  "run":"5f0c..."}
 * {"status":"failed","input":"a/c.jpg","stage":"decode","reason":"a/c.jpg: not an image ...","run":"5f0c..."}
 * {"status":"skipped","input":"a/d.webp","stage":"source","reason":"not an image extension ...","run":"5f0c..."}
 * }</pre>
 *
 * <p>Every line has {@code status} and {@code input} (the entry's path relative to the input root)
 * and, once written by the report sink, the {@code run} id of the job that wrote it. Each page of a
 * multi-page TIFF or an animated GIF has its own line, with {@code "page"} (from 1) after
 * {@code input} and, when ok, its own {@code output} ({@code book.page-002.tif}). Keys always
 * appear in this order; {@code noiseLevel} is {@code null} for tasks without one; tasks with a mask
 * add {@code "maskedFraction"} (pixels repaired over all pixels) after it; blind restoration adds
 * {@code "rmsChange"} (root-mean-square change in 8-bit levels), {@code "maskConfidence"} (a
 * detector's mean probability over the pixels it flagged, when one ran) and {@code "maskOutput"}
 * (the mask written next to the output, with {@code --save-masks}). An output that an earlier run
 * wrote but was stopped before reporting gets its "ok" line from the next run, with
 * {@code "recovered"} instead of measures and timings.
 * Immutable: a line <em>is</em> its JSON text, which is also what
 * {@link dev.imagerestore.operators.internal.ReportLineSerializer} sends over the wire.
 */
@TypeInfo(TypeInfoFactories.ReportLineFactory.class)
public final class ReportLine {

    private final String json;
    private final String status;

    private ReportLine(String json, String status) {
        this.json = json;
        this.status = status;
    }

    /** The line for an image that was restored and handed to the sink. */
    public static ReportLine restored(RestoredImage image) {
        return new ReportLine(ReportJson.restored(image), "ok");
    }

    /** The line for an output an earlier, stopped run wrote but did not report ({@link ReportJson#recovered}). */
    public static ReportLine recovered(DecodedImage image, String outputPath) {
        return new ReportLine(ReportJson.recovered(image, outputPath), "ok");
    }

    /** As {@link #recovered(DecodedImage, String)}, for page {@code page} of {@code input} (0 for a single image). */
    public static ReportLine recovered(String input, int page, String outputPath, int width, int height) {
        return new ReportLine(ReportJson.recovered(input, page, outputPath, width, height), "ok");
    }

    /** The line for a file that failed or was skipped ({@link DeadLetter#skipped()}). */
    public static ReportLine failed(DeadLetter letter) {
        return new ReportLine(ReportJson.failed(letter), letter.skipped() ? "skipped" : "failed");
    }

    /** Parses a line written by {@link #toJson()}; throws IllegalArgumentException naming the problem. */
    public static ReportLine parse(String json) {
        return new ReportLine(json, ReportJson.checkAndTellStatus(json));
    }

    /** The JSON object, one line without the trailing newline. */
    public String toJson() {
        return json;
    }

    /** This line with the id of the run that writes it ({@code "run"}, the last key). */
    public ReportLine withRun(String runId) {
        return new ReportLine(ReportJson.withRun(json, runId), status);
    }

    /** "ok", "failed" or "skipped". */
    public String status() {
        return status;
    }

    /** Whether this line reports a failure ("status":"failed"). */
    public boolean isFailure() {
        return status.equals("failed");
    }

    /** Whether this line reports an entry skipped on purpose ("status":"skipped"). */
    public boolean isSkipped() {
        return status.equals("skipped");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportLine other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(json);
    }

    @Override
    public String toString() {
        return json;
    }
}
