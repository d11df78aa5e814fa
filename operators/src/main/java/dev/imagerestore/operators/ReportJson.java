package dev.imagerestore.operators;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of report lines (see {@link ReportLine}): what {@link ReportLine} writes, and what
 * readers of a report (the job's run summary and counters, the review page, tests) parse back.
 */
public final class ReportJson {

    /** The statuses a line can have. */
    public static final List<String> STATUSES = List.of("ok", "failed", "skipped");

    private ReportJson() {}

    /** The one-line JSON of a restored image: status {@code "ok"}, its paths, size, format, measures and timings. */
    public static String restored(RestoredImage image) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        o.addProperty("input", image.inputPath());
        if (image.page() > 0) {
            o.addProperty("page", image.page());
        }
        o.addProperty("output", image.outputPath());
        o.addProperty("task", image.task());
        o.addProperty("width", image.width());
        o.addProperty("height", image.height());
        o.addProperty("bitDepth", image.bitDepth());
        o.addProperty("format", image.format().imageIoName());
        o.add(
                "noiseLevel",
                image.noiseLevel().isPresent()
                        ? new JsonPrimitive(image.noiseLevel().getAsDouble())
                        : JsonNull.INSTANCE);
        if (image.maskedFraction().isPresent()) {
            o.addProperty("maskedFraction", image.maskedFraction().getAsDouble());
        }
        if (image.rmsChange().isPresent()) {
            o.addProperty("rmsChange", image.rmsChange().getAsDouble());
        }
        if (image.maskConfidence().isPresent()) {
            o.addProperty("maskConfidence", image.maskConfidence().getAsDouble());
        }
        image.sideFile().ifPresent(file -> o.addProperty("maskOutput", file.outputPath()));
        JsonObject timings = new JsonObject();
        for (Map.Entry<String, Long> e : image.timingsMillis().entrySet()) {
            timings.addProperty(e.getKey(), e.getValue());
        }
        o.add("timingsMs", timings);
        return Gsons.COMPACT.toJson(o);
    }

    /**
     * The one-line JSON of an output an earlier run wrote and was stopped before reporting: status
     * {@code "ok"}, its paths and size, and {@code "recovered"} saying so; no measures or timings,
     * which went with the stopped run.
     */
    public static String recovered(DecodedImage image, String outputPath) {
        return recovered(
                image.relativePath(),
                image.isPageOfMany() ? image.page() : 0,
                outputPath,
                image.width(),
                image.height());
    }

    /** As {@link #recovered(DecodedImage, String)}, for page {@code page} of the input (0 for a single image). */
    public static String recovered(String input, int page, String outputPath, int width, int height) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        o.addProperty("input", input);
        if (page > 0) {
            o.addProperty("page", page);
        }
        o.addProperty("output", outputPath);
        o.addProperty("width", width);
        o.addProperty("height", height);
        o.addProperty(
                "recovered",
                "restored by an earlier run into this folder, which stopped before it wrote "
                        + "this line; the output was kept as written");
        return Gsons.COMPACT.toJson(o);
    }

    /** The one-line JSON of a dead letter: status {@code "failed"} or {@code "skipped"}, the stage and the reason. */
    public static String failed(DeadLetter letter) {
        JsonObject o = new JsonObject();
        o.addProperty("status", letter.skipped() ? "skipped" : "failed");
        o.addProperty("input", letter.file());
        if (letter.page() > 0) {
            o.addProperty("page", letter.page());
        }
        o.addProperty("stage", letter.stage().reportName());
        o.addProperty("reason", letter.reason());
        return Gsons.COMPACT.toJson(o);
    }

    /** {@code json} with the run id as its last key, {@code "run"}. */
    public static String withRun(String json, String runId) {
        JsonObject o = parse(json);
        o.addProperty("run", runId);
        return Gsons.COMPACT.toJson(o);
    }

    /** Checks that {@code json} is one report object with an input and returns its status. */
    public static String checkAndTellStatus(String json) {
        if (json.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a report line must be one line, got: " + json);
        }
        JsonElement element;
        try {
            element = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a JSON report line: " + json, e);
        }
        if (!element.isJsonObject()
                || !element.getAsJsonObject().has("status")
                || !element.getAsJsonObject().has("input")) {
            throw new IllegalArgumentException(
                    "a report line must be an object with a status and an input, got: " + json);
        }
        String status = element.getAsJsonObject().get("status").getAsString();
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("report status must be one of " + STATUSES + ", got '" + status + "'");
        }
        return status;
    }

    /** A parsed line, for readers of reports (tests, tools). */
    public static JsonObject parse(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
