package dev.imagerestore.job.review.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.imagerestore.job.review.ReviewScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns one report line into one row of the review page: the line's fields the page shows, the
 * change measured between the input and the output, the {@link ReviewScore}, the names of the
 * pictures {@link ReviewMedia} wrote, and escaped links to the input and output files. A line whose
 * pictures cannot be made (output gone, undecodable) still gets its row, with a {@code note} saying
 * why and no change term. Report keys read beyond the documented ones: {@code mask} (a mask image,
 * relative to the output root or absolute), {@code confidence} (a detector's, in [0, 1]) and
 * {@code rmsChange} (used when the change cannot be measured).
 */
public final class ReviewEntries {

    private final Path inputRoot;
    private final Path outputRoot;
    private final ReviewMedia media;

    public ReviewEntries(Path inputRoot, Path outputRoot, ReviewMedia media) {
        this.inputRoot = inputRoot.toAbsolutePath().normalize();
        this.outputRoot = outputRoot.toAbsolutePath().normalize();
        this.media = media;
    }

    /** The row of {@code line}; media links are relative to the media folder's parent (the report folder). */
    public JsonObject row(JsonObject line, String mediaFolder) {
        JsonObject row = new JsonObject();
        String status = text(line, "status").orElse("");
        String input = text(line, "input").orElse("");
        row.addProperty("status", status);
        row.addProperty("input", input);
        int page = page(line);
        if (page > 0) {
            row.addProperty("page", page);
        }
        if (!input.isEmpty()) {
            row.addProperty("inputHref", UriPaths.absolute(inputRoot.resolve(input)));
        }
        text(line, "stage").ifPresent(s -> row.addProperty("stage", s));
        text(line, "reason").ifPresent(s -> row.addProperty("reason", s));
        if (!status.equals("ok")) {
            return row;
        }
        String output = text(line, "output").orElse(input);
        row.addProperty("output", output);
        row.addProperty("outputHref", UriPaths.relative("../", output));
        text(line, "task").ifPresent(s -> row.addProperty("task", s));
        OptionalDouble noise = number(line, "noiseLevel");
        OptionalDouble masked = number(line, "maskedFraction");
        OptionalDouble confidence = number(line, "maskConfidence");
        noise.ifPresent(v -> row.addProperty("noise", v));
        masked.ifPresent(v -> row.addProperty("masked", v));
        confidence.ifPresent(v -> row.addProperty("confidence", v));
        number(line, "width").ifPresent(v -> row.addProperty("width", (long) v));
        number(line, "height").ifPresent(v -> row.addProperty("height", (long) v));
        row.addProperty("seconds", seconds(line));
        Optional<Path> mask = text(line, "maskOutput").map(outputRoot::resolve);
        mask.ifPresent(m -> row.addProperty("maskHref", UriPaths.absolute(m)));
        double change = pictures(row, line, input, output, mask, mediaFolder)
                .orElse(number(line, "rmsChange").orElse(Double.NaN));
        if (!Double.isNaN(change)) {
            row.addProperty("change", change);
        }
        ReviewScore score = ReviewScore.of(Double.isNaN(change) ? 0 : change, masked, confidence);
        row.addProperty("score", score.total());
        JsonObject terms = new JsonObject();
        terms.addProperty("change", score.change());
        terms.addProperty("damage", score.damage());
        terms.addProperty("doubt", score.doubt());
        row.add("terms", terms);
        return row;
    }

    /** Writes the row's pictures and adds their names; returns the measured change, if it could be measured. */
    private OptionalDouble pictures(
            JsonObject row, JsonObject line, String input, String output, Optional<Path> mask, String mediaFolder) {
        try {
            ReviewMedia.Pictures pictures = media.write(
                    key(line, input),
                    inputRoot.resolve(input),
                    input,
                    page(line),
                    outputRoot.resolve(output),
                    output,
                    mask);
            row.addProperty("thumb", mediaFolder + "/" + pictures.thumbnail());
            row.addProperty("before", mediaFolder + "/" + pictures.before());
            row.addProperty("after", mediaFolder + "/" + pictures.after());
            if (pictures.mask() != null) {
                row.addProperty("mask", mediaFolder + "/" + pictures.mask());
            }
            row.addProperty(
                    "crop", pictures.x() + "," + pictures.y() + " " + pictures.width() + "x" + pictures.height());
            return Double.isNaN(pictures.rmsChange())
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(pictures.rmsChange());
        } catch (IOException | RuntimeException e) {
            row.addProperty("note", "no pictures: " + e.getMessage());
            return OptionalDouble.empty();
        }
    }

    /** The page of a multi-page input the line is about, from 1; 0 for a file of one image. */
    private static int page(JsonObject line) {
        return (int) number(line, "page").orElse(0);
    }

    /** A file-name-safe key of the line's run, input and page, stable across refreshes of the page. */
    static String key(JsonObject line, String input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String page = page(line) > 0 ? "\npage " + page(line) : "";
            byte[] digest =
                    sha.digest((text(line, "run").orElse("") + "\n" + input + page).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static double seconds(JsonObject line) {
        long millis = 0;
        if (line.has("timingsMs") && line.get("timingsMs").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e :
                    line.getAsJsonObject("timingsMs").entrySet()) {
                millis += e.getValue().isJsonPrimitive() ? e.getValue().getAsLong() : 0;
            }
        }
        return millis / 1e3;
    }

    private static Optional<String> text(JsonObject line, String key) {
        JsonElement e = line.get(key);
        return e != null && e.isJsonPrimitive() ? Optional.of(e.getAsString()) : Optional.empty();
    }

    private static OptionalDouble number(JsonObject line, String key) {
        JsonElement e = line.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()
                ? OptionalDouble.of(e.getAsDouble())
                : OptionalDouble.empty();
    }
}
