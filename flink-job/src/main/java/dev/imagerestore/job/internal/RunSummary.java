package dev.imagerestore.job.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.imagerestore.operators.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of a run in numbers, from the report lines it wrote: lines by status, megapixels restored,
 * wall time and throughput, the slowest images and the most frequent reasons for failure. Lines are
 * read by their {@code status}; other fields are used where present and extra ones are ignored.
 * Immutable.
 *
 * @param byStatus report lines by status; "ok", "failed" and "skipped" are always present
 * @param megapixels width x height of the restored images, in millions
 * @param wall the run's wall time
 * @param slowest the images that took longest (sum of their stage timings), slowest first, at most {@value #TOP}
 * @param reasons failure reasons by frequency, most frequent first, at most {@value #TOP}
 * @param unchanged restored images whose report gives an RMS change under {@value #UNCHANGED_LEVELS}
 *     8-bit levels: the model found (almost) nothing to restore in them, which a person should know
 */
public record RunSummary(
        Map<String, Long> byStatus,
        double megapixels,
        Duration wall,
        List<Slow> slowest,
        List<Reason> reasons,
        Unchanged unchanged) {

    /** An RMS change below this many 8-bit levels counts as "left nearly unchanged". */
    public static final double UNCHANGED_LEVELS = 0.5;

    /** How many restored images were left nearly unchanged, and the first {@value #TOP} of them. */
    public record Unchanged(long count, List<String> examples) {

        public Unchanged {
            examples = List.copyOf(examples);
        }
    }

    /** How many slow images and failure reasons a summary keeps. */
    public static final int TOP = 5;
    /** The summary's file name in the report directory. */
    public static final String FILE_NAME = "summary.json";

    /** One slow image: its input, the sum of its stage timings and its size. */
    public record Slow(String file, double seconds, double megapixels) {}

    /** One reason for failure ({@code stage: message}, the file's name taken out), how often, and one file it hit. */
    public record Reason(String reason, long count, String example) {}

    public RunSummary {
        byStatus = Map.copyOf(byStatus);
        slowest = List.copyOf(slowest);
        reasons = List.copyOf(reasons);
    }

    /** The summary of the report lines in {@code reportFiles}, for a run that took {@code wall}. */
    public static RunSummary of(List<Path> reportFiles, Duration wall) throws IOException {
        Map<String, Long> byStatus = new TreeMap<>(Map.of("ok", 0L, "failed", 0L, "skipped", 0L));
        long pixels = 0;
        List<Slow> slow = new ArrayList<>();
        Map<String, Reason> reasons = new LinkedHashMap<>();
        long unchanged = 0;
        List<String> unchangedExamples = new ArrayList<>();
        for (Path file : reportFiles) {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonObject line = ReportJson.parse(text);
                String status = line.get("status").getAsString();
                byStatus.merge(status, 1L, Long::sum);
                long linePixels = line.has("width") && line.has("height")
                        ? line.get("width").getAsLong() * line.get("height").getAsLong()
                        : 0;
                pixels += status.equals("ok") ? linePixels : 0;
                if (line.has("timingsMs") && line.get("timingsMs").isJsonObject()) {
                    slow.add(new Slow(
                            fileOf(line), totalMillis(line.getAsJsonObject("timingsMs")) / 1e3, linePixels / 1e6));
                }
                if (status.equals("ok")
                        && line.has("rmsChange")
                        && line.get("rmsChange").isJsonPrimitive()
                        && line.get("rmsChange").getAsDouble() < UNCHANGED_LEVELS) {
                    unchanged++;
                    if (unchangedExamples.size() < TOP) {
                        unchangedExamples.add(fileOf(line));
                    }
                }
                if (status.equals("failed")) {
                    String reason = reasonOf(line);
                    Reason seen = reasons.get(reason);
                    reasons.put(
                            reason,
                            new Reason(
                                    reason,
                                    seen == null ? 1 : seen.count() + 1,
                                    seen == null ? fileOf(line) : seen.example()));
                }
            }
        }
        slow.sort(Comparator.comparingDouble(Slow::seconds).reversed());
        List<Reason> frequent = new ArrayList<>(reasons.values());
        frequent.sort(Comparator.comparingLong(Reason::count).reversed());
        return new RunSummary(
                byStatus,
                pixels / 1e6,
                wall,
                slow.subList(0, Math.min(TOP, slow.size())),
                frequent.subList(0, Math.min(TOP, frequent.size())),
                new Unchanged(unchanged, unchangedExamples));
    }

    /** The input a report line is about: its {@code input}, else its {@code file}, else empty. */
    public static String fileOf(JsonObject line) {
        for (String key : List.of("input", "file")) {
            if (line.has(key) && line.get(key).isJsonPrimitive()) {
                return line.get(key).getAsString();
            }
        }
        return "";
    }

    private static long totalMillis(JsonObject timings) {
        long sum = 0;
        for (Map.Entry<String, JsonElement> e : timings.entrySet()) {
            sum += e.getValue().isJsonPrimitive() ? e.getValue().getAsLong() : 0;
        }
        return sum;
    }

    private static String reasonOf(JsonObject line) {
        String file = fileOf(line);
        String reason = line.has("reason") && line.get("reason").isJsonPrimitive()
                ? line.get("reason").getAsString()
                : "";
        if (!file.isEmpty()) {
            reason = reason.startsWith(file + ": ")
                    ? reason.substring(file.length() + 2)
                    : reason.replace(file, "<file>");
        }
        String stage = line.has("stage") && line.get("stage").isJsonPrimitive()
                ? line.get("stage").getAsString() + ": "
                : "";
        return stage + (reason.isEmpty() ? "no reason given" : reason);
    }

    public long count(String status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Lines of every status. */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public double megapixelsPerSecond() {
        return megapixels / Math.max(wall.toMillis() / 1e3, 1e-3);
    }

    /** The counts with ok, failed and skipped first, then any other status by name. */
    private Map<String, Long> ordered() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String status : List.of("ok", "failed", "skipped")) {
            ordered.put(status, count(status));
        }
        new TreeMap<>(byStatus).forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** Writes the summary as {@value #FILE_NAME} into {@code reportDirectory} (replacing an earlier one); returns its path. */
    public Path write(Path reportDirectory) throws IOException {
        Files.createDirectories(reportDirectory);
        Path target = reportDirectory.resolve(FILE_NAME);
        Path temporary = reportDirectory.resolve("." + FILE_NAME + ".tmp");
        Files.writeString(
                temporary,
                new GsonBuilder().setPrettyPrinting().create().toJson(toJson()) + "\n",
                StandardCharsets.UTF_8);
        return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonObject counts = new JsonObject();
        ordered().forEach(counts::addProperty);
        o.add("counts", counts);
        o.addProperty("total", total());
        o.addProperty("megapixels", megapixels);
        o.addProperty("wallSeconds", wall.toMillis() / 1e3);
        o.addProperty("megapixelsPerSecond", megapixelsPerSecond());
        JsonArray slow = new JsonArray();
        for (Slow s : slowest) {
            JsonObject item = new JsonObject();
            item.addProperty("file", s.file());
            item.addProperty("seconds", s.seconds());
            item.addProperty("megapixels", s.megapixels());
            slow.add(item);
        }
        o.add("slowest", slow);
        JsonArray why = new JsonArray();
        for (Reason r : reasons) {
            JsonObject item = new JsonObject();
            item.addProperty("reason", r.reason());
            item.addProperty("count", r.count());
            item.addProperty("example", r.example());
            why.add(item);
        }
        o.add("failureReasons", why);
        JsonObject same = new JsonObject();
        same.addProperty("count", unchanged.count());
        same.addProperty("belowRmsLevels", UNCHANGED_LEVELS);
        JsonArray examples = new JsonArray();
        unchanged.examples().forEach(examples::add);
        same.add("examples", examples);
        o.add("nearlyUnchanged", same);
        return o;
    }

    /** Prints the summary in a few lines. */
    public void print(PrintWriter out) {
        StringBuilder counts = new StringBuilder();
        ordered()
                .forEach((status, n) -> counts.append(counts.length() == 0 ? "" : ", ")
                        .append(n)
                        .append(' ')
                        .append(status));
        out.printf(
                Locale.ROOT,
                "summary: %d inputs: %s; %.2f MP restored in %s (%.2f MP/s)%n",
                total(),
                counts,
                megapixels,
                ProgressReporter.clock(wall),
                megapixelsPerSecond());
        if (!slowest.isEmpty()) {
            StringBuilder slow = new StringBuilder();
            for (Slow s : slowest) {
                slow.append(slow.length() == 0 ? "" : ", ")
                        .append(String.format(
                                Locale.ROOT, "%s %.1f s (%.2f MP)", s.file(), s.seconds(), s.megapixels()));
            }
            out.println("slowest: " + slow);
        }
        for (Reason r : reasons) {
            out.printf(Locale.ROOT, "failed: %d x %s (e.g. %s)%n", r.count(), r.reason(), r.example());
        }
        if (unchanged.count() > 0) {
            out.printf(
                    Locale.ROOT,
                    "nearly unchanged: %d restored image%s changed by under %.1f levels RMS, the model "
                            + "found little to restore (e.g. %s)%n",
                    unchanged.count(),
                    unchanged.count() == 1 ? "" : "s",
                    UNCHANGED_LEVELS,
                    String.join(", ", unchanged.examples()));
        }
        out.flush();
    }
}
