package dev.imagerestore.job.review;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.imagerestore.job.review.internal.ReviewEntries;
import dev.imagerestore.job.review.internal.ReviewMedia;
import dev.imagerestore.operators.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The review page of a run, {@code _report/index.html}: a file a person opens in a browser (no
 * server, no network) to check the images that most need a human, worst {@link ReviewScore} first,
 * with a before/after viewer at 100 % and the failures and skips with their reasons.
 *
 * <p>Files written into the report folder: {@value #PAGE}, its assets ({@code review.css},
 * {@code review-app.js}, shipped in the jar), {@value #DATA} (the rows, as a script, since a
 * {@code file:} page may not fetch JSON) and the folder {@value #MEDIA} of thumbnails and crops,
 * named by a hash of the run and input so that any input name is safe. Rows are made once per
 * report line and kept, so calling {@link #write} again with more report files (a continuous run's
 * later checkpoints) decodes only the new images. Not thread-safe: one caller at a time.
 */
public final class ReviewPage {

    /** The page's file name in the report folder. */
    public static final String PAGE = "index.html";
    /** The data script's file name in the report folder. */
    public static final String DATA = "review.js";
    /** The folder of thumbnails and crops in the report folder. */
    public static final String MEDIA = "review";

    private static final List<String> ASSETS = List.of(PAGE, "review.css", "review-app.js");
    private static final Gson GSON =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final Path reportDirectory;
    private final ReviewEntries entries;
    private final Map<String, JsonObject> rows = new HashMap<>();

    /**
     * @param inputRoot the run's {@code --input}
     * @param reportDirectory the run's report folder ({@code <output>/_report})
     * @param maxPixels the run's {@code --max-pixels}, applied when the page decodes images
     */
    public ReviewPage(Path inputRoot, Path reportDirectory, long maxPixels) {
        this.reportDirectory = reportDirectory.toAbsolutePath().normalize();
        Path outputRoot = this.reportDirectory.getParent();
        this.entries = new ReviewEntries(
                inputRoot, outputRoot, new ReviewMedia(this.reportDirectory.resolve(MEDIA), maxPixels));
    }

    /** Writes the page for the lines of {@code reportFiles}; returns the page's path. */
    public Path write(List<Path> reportFiles) throws IOException {
        List<JsonObject> page = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>(Map.of("ok", 0L, "failed", 0L, "skipped", 0L));
        for (Path file : reportFiles) {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonObject row = rows.computeIfAbsent(text, t -> entries.row(ReportJson.parse(t), MEDIA));
                counts.merge(row.get("status").getAsString(), 1L, Long::sum);
                page.add(row);
            }
        }
        page.sort(Comparator.comparingDouble(ReviewPage::score).reversed());
        JsonObject data = new JsonObject();
        data.addProperty("generated", Instant.now().toString());
        data.addProperty("output", reportDirectory.getParent().toString());
        JsonObject countsJson = new JsonObject();
        counts.forEach(countsJson::addProperty);
        data.add("counts", countsJson);
        JsonArray items = new JsonArray();
        page.forEach(items::add);
        data.add("rows", items);
        Files.createDirectories(reportDirectory);
        for (String asset : ASSETS) {
            try (InputStream in = ReviewPage.class.getResourceAsStream(asset)) {
                if (in == null) {
                    throw new IOException(
                            "class path resource " + asset + " of the review page is missing from the jar");
                }
                replace(in.readAllBytes(), reportDirectory.resolve(asset));
            }
        }
        // Gson escapes <, >, &, = and ' and U+2028/U+2029, so the JSON is a safe script literal
        replace(
                ("window.REVIEW_DATA = " + GSON.toJson(data) + ";\n").getBytes(StandardCharsets.UTF_8),
                reportDirectory.resolve(DATA));
        return reportDirectory.resolve(PAGE);
    }

    private static double score(JsonObject row) {
        return row.has("score") ? row.get("score").getAsDouble() : Double.NEGATIVE_INFINITY;
    }

    private static void replace(byte[] content, Path target) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
