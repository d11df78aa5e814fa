package dev.imagerestore.it.container;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Read-only views of the job's output folder: restored files, temporary files, run report lines. */
record OutputFolder(Path root) {

    /** Visible restored files (relative paths, '/'-separated, sorted), the run report excluded. */
    List<String> restoredFiles() {
        return walk().filter(p -> !p.startsWith("_report/") && !isHidden(p))
                .sorted()
                .toList();
    }

    /** Hidden files anywhere under the folder: temporary files the sinks have not committed or removed. */
    List<String> hiddenFiles() {
        return walk().filter(OutputFolder::isHidden).sorted().toList();
    }

    /** Every line of the committed run report ({@code _report/*.jsonl}) as JSON. */
    List<JsonObject> reportLines() {
        Path report = root.resolve("_report");
        List<JsonObject> lines = new ArrayList<>();
        if (!Files.isDirectory(report)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(report)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")
                            && !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Inputs of the report's "ok" lines, in report order (duplicates kept, so tests can look for them). */
    List<String> reportedRestored() {
        return reportLines().stream()
                .filter(l -> "ok".equals(l.get("status").getAsString()))
                .map(l -> l.get("input").getAsString())
                .toList();
    }

    /** Inputs of the report's "failed" lines. */
    List<String> reportedFailed() {
        return reportLines().stream()
                .filter(l -> "failed".equals(l.get("status").getAsString()))
                .map(l -> l.get("input").getAsString())
                .toList();
    }

    /** The restored image at {@code relative}, decoded; fails if it is not a readable image. */
    BufferedImage read(String relative) throws IOException {
        BufferedImage image = ImageIO.read(root.resolve(relative).toFile());
        if (image == null) {
            throw new IOException(root.resolve(relative) + " is not a readable image");
        }
        return image;
    }

    private static boolean isHidden(String relative) {
        return Stream.of(relative.split("/")).anyMatch(part -> part.startsWith("."));
    }

    private Stream<String> walk() {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile)
                    .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return walk(); // a temporary file was renamed while walking: walk again
            }
            throw e;
        }
        return files.stream();
    }
}
