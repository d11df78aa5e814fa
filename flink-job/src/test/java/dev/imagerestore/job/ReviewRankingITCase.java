package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.job.review.ReviewPage;
import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.DamageKind;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does the look-at-this score put the images that need a person first? A mixed folder of
 * {@value #PER_GROUP} clean CBSD68 images (centre crops, 256x192), the same images with rendered print damage (scratches,
 * dust, hair: what {@code --mask auto} looks for, on 2-8 % of the pixels) and the same images with
 * strong white grain ({@value #GRAIN}) is restored by the real job ({@code restore --mask auto}: the
 * zoo's restorer and learned detector); the scores are read from the review page's data, as a person
 * would see them. At least 90 % of the damaged and grainy images must rank above every clean one.
 * Skipped when {@code ../shared/data/test/CBSD68} is absent.
 */
class ReviewRankingITCase {

    private static final Path CBSD68 = Path.of("../../shared/data/test/CBSD68");
    private static final int PER_GROUP = 6;
    private static final long SEED = 2026;
    private static final String GRAIN = "awgn:20";
    /** Centre crops of this size (in the test's temporary folder only) keep the run short. */
    private static final int CROP_WIDTH = 256;

    private static final int CROP_HEIGHT = 192;

    @TempDir
    Path work;

    @Test
    void damagedAndGrainyImagesRankAboveEveryCleanOne() throws IOException {
        assumeTrue(Files.isDirectory(CBSD68), "no CBSD68 at " + CBSD68.toAbsolutePath());
        Path input = mixedFolder();
        Path output = work.resolve("out");

        CliRun run = CliRun.of(
                "restore",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--mask",
                "auto",
                "--device",
                "cpu",
                "--progress",
                "none");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        List<JsonObject> rows = rows(output);
        assertThat(rows).hasSize(3 * PER_GROUP);
        rows.sort(Comparator.comparingDouble((JsonObject r) -> r.get("score").getAsDouble())
                .reversed());
        System.out.println("rank  score  change  noise  masked  image");
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.get(i);
            System.out.printf(
                    Locale.ROOT,
                    "%4d %6.2f %7.2f %6.1f %6.2f%%  %s%n",
                    i + 1,
                    number(r, "score"),
                    number(r, "change"),
                    number(r, "noise"),
                    100 * number(r, "masked"),
                    r.get("input").getAsString());
        }
        int firstClean = rows.size();
        for (int i = rows.size() - 1; i >= 0; i--) {
            firstClean = rows.get(i).get("input").getAsString().startsWith("clean/") ? i : firstClean;
        }
        long aboveEveryClean = firstClean;
        System.out.printf(
                Locale.ROOT,
                "%d of %d damaged or grainy images rank above every clean one%n",
                aboveEveryClean,
                2 * PER_GROUP);
        assertThat(aboveEveryClean).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * 2 * PER_GROUP));
    }

    private Path mixedFolder() throws IOException {
        Path input = work.resolve("in");
        List<Path> sources;
        try (Stream<Path> files = Files.list(CBSD68)) {
            sources = files.filter(p -> p.toString().endsWith(".png"))
                    .sorted()
                    .limit(PER_GROUP)
                    .toList();
        }
        DamageGenerator damage = DamageGenerator.builder()
                .setSeed(SEED)
                .optKinds(DamageKind.SCRATCH, DamageKind.DUST, DamageKind.LINT_AND_HAIR)
                .optCoverage(0.02, 0.08)
                .build();
        Degradations grain = Degradations.parse(GRAIN, SEED);
        ImageDecoder decoder = ImageDecoder.builder().build();
        for (int i = 0; i < sources.size(); i++) {
            String name = sources.get(i).getFileName().toString();
            FloatImage clean = decoder.decode(ImageFile.of(name, 0, Files.readAllBytes(sources.get(i))))
                    .colour()
                    .centreCrop(CROP_HEIGHT, CROP_WIDTH);
            write(input.resolve("clean").resolve(name), clean);
            write(
                    input.resolve("damaged").resolve(name),
                    damage.render(clean, i).image());
            write(input.resolve("grainy").resolve(name), grain.apply(clean, i).image());
        }
        return input;
    }

    private static void write(Path file, FloatImage image) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ImageEncoder.builder().build().encode(image, Optional.empty(), OutputFormat.PNG));
    }

    private static double number(JsonObject row, String key) {
        return row.has(key) ? row.get(key).getAsDouble() : Double.NaN;
    }

    private static List<JsonObject> rows(Path output) throws IOException {
        String script = Files.readString(output.resolve("_report").resolve(ReviewPage.DATA), StandardCharsets.UTF_8)
                .trim();
        String json = script.substring(script.indexOf('=') + 1, script.length() - 1);
        JsonArray rows = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("rows");
        List<JsonObject> list = new ArrayList<>();
        rows.forEach(r -> list.add(r.getAsJsonObject()));
        return list;
    }
}
