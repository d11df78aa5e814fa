package dev.imagerestore.operators;

import dev.imagerestore.operators.internal.ReportJson;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One line of the run report (JSON lines, one object per input file), in one of two shapes:
 *
 * <pre>{@code
 * {"status":"ok","input":"a/b.png","output":"a/b.png","task":"denoise","width":640,"height":480,
 *  "bitDepth":16,"format":"png","noiseLevel":0.05,"timingsMs":{"decode":12,"inference":900,"encode":30}}
 * {"status":"failed","file":"a/c.jpg","stage":"decode","reason":"a/c.jpg: not an image ..."}
 * }</pre>
 *
 * <p>Keys always appear in this order; {@code noiseLevel} is {@code null} for tasks without one;
 * inpainting tasks add {@code "maskedFraction"} (pixels repaired over all pixels) after it.
 * Immutable: a line <em>is</em> its JSON text, which is also what
 * {@link dev.imagerestore.operators.internal.ReportLineSerializer} sends over the wire.
 */
@TypeInfo(TypeInfoFactories.ReportLineFactory.class)
public final class ReportLine {

    private final String json;
    private final boolean failure;

    private ReportLine(String json, boolean failure) {
        this.json = json;
        this.failure = failure;
    }

    /** The line for an image that was restored and handed to the sink. */
    public static ReportLine restored(RestoredImage image) {
        return new ReportLine(ReportJson.restored(image), false);
    }

    /** The line for a file that failed. */
    public static ReportLine failed(DeadLetter letter) {
        return new ReportLine(ReportJson.failed(letter), true);
    }

    /** Parses a line written by {@link #toJson()}; throws IllegalArgumentException naming the problem. */
    public static ReportLine parse(String json) {
        return new ReportLine(json, ReportJson.checkAndTellFailure(json));
    }

    /** The JSON object, one line without the trailing newline. */
    public String toJson() {
        return json;
    }

    /** Whether this line reports a failure ("status":"failed"). */
    public boolean isFailure() {
        return failure;
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
