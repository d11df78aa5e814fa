package dev.imagerestore.job.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.job.PagedTiffs;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page's data from report lines and real files: the change measured between input and
 * output, rows ordered by score, pictures written under the report folder with safe names, links
 * that resolve to files with odd names, and a mask overlay where a line names a mask.
 */
class ReviewPageTest {

    private static final String ODD = "odd names/a b #1 100% :ünï.png";
    private static final String SCRIPT = "</script><b>x</b>.png";

    @TempDir
    Path work;

    @Test
    void rowsAreScoredFromTheMeasuredChangeAndSortedWorstFirst() throws IOException {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        FloatImage clean = scene(96, 64);
        pair(input, output, "calm.png", clean, shift(clean, 0.004f));
        pair(input, output, "moved.png", clean, shift(clean, 0.08f));
        Path report = lines(output, ok("calm.png", 1.0, ""), ok("moved.png", 1.0, ""));

        JsonArray rows = data(new ReviewPage(input, output.resolve("_report"), 1_000_000).write(List.of(report)));

        assertThat(rows).hasSize(2);
        JsonObject worst = rows.get(0).getAsJsonObject();
        assertThat(worst.get("input").getAsString()).isEqualTo("moved.png");
        assertThat(worst.get("change").getAsDouble())
                .isCloseTo(0.08 * 255, org.assertj.core.api.Assertions.within(0.6));
        assertThat(rows.get(1).getAsJsonObject().get("change").getAsDouble()).isLessThan(1.6);
        assertThat(worst.get("score").getAsDouble())
                .isGreaterThan(rows.get(1).getAsJsonObject().get("score").getAsDouble());
        for (String key : List.of("thumb", "before", "after")) {
            Path picture = output.resolve("_report").resolve(worst.get(key).getAsString());
            assertThat(ImageIO.read(picture.toFile())).as(key).isNotNull();
        }
        BufferedImage before = ImageIO.read(output.resolve("_report")
                .resolve(worst.get("before").getAsString())
                .toFile());
        assertThat(before.getWidth()).as("100 %: the whole small image").isEqualTo(96);
    }

    @Test
    void eachPageOfAMultiPageInputIsComparedWithItsOwnOutput() throws IOException {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        FloatImage first = scene(48, 32);
        FloatImage second = shift(first, 0.2f);
        Files.createDirectories(input);
        Files.write(input.resolve("book.tif"), PagedTiffs.of(List.of(first, second)));
        write(output.resolve("book.page-001.png"), first);
        write(output.resolve("book.page-002.png"), second);
        Path report = lines(output, page("book.tif", 1, "book.page-001.png"), page("book.tif", 2, "book.page-002.png"));

        JsonArray rows = data(new ReviewPage(input, output.resolve("_report"), 1_000_000).write(List.of(report)));

        assertThat(rows).hasSize(2);
        assertThat(rows.asList())
                .extracting(r -> r.getAsJsonObject().get("page").getAsInt())
                .containsExactlyInAnyOrder(1, 2);
        assertThat(rows.asList())
                .extracting(r -> r.getAsJsonObject().get("before").getAsString())
                .doesNotHaveDuplicates();
        for (var row : rows) {
            assertThat(row.getAsJsonObject().get("change").getAsDouble())
                    .as("page %s against its own output", row.getAsJsonObject().get("page"))
                    .isLessThan(0.5);
        }
    }

    @Test
    void oddFileNamesGetLinksThatResolveToTheFilesAndAPageScriptThatStaysData() throws IOException {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        FloatImage clean = scene(40, 30);
        pair(input, output, ODD, clean, shift(clean, 0.02f));
        pair(input, output, SCRIPT, clean, clean);
        Path report = lines(
                output,
                ok(ODD, 2.0, ""),
                ok(SCRIPT, 2.0, ""),
                "{\"status\":\"failed\",\"input\":\"broken #1.png\",\"stage\":\"decode\",\"reason\":\"truncated\"}");

        Path page = new ReviewPage(input, output.resolve("_report"), 1_000_000).write(List.of(report));

        String script = Files.readString(page.resolveSibling(ReviewPage.DATA), StandardCharsets.UTF_8);
        assertThat(script).doesNotContain("</script>").doesNotContain("<b>");
        JsonArray rows = data(page);
        URI pageUri = page.toUri();
        for (var element : rows) {
            JsonObject row = element.getAsJsonObject();
            Path inputFile = Path.of(URI.create(row.get("inputHref").getAsString()));
            assertThat(inputFile)
                    .isEqualTo(input.toAbsolutePath().resolve(row.get("input").getAsString()));
            if (row.get("status").getAsString().equals("ok")) {
                assertThat(inputFile).exists();
                assertThat(Path.of(pageUri.resolve(row.get("outputHref").getAsString())))
                        .isEqualTo(output.toAbsolutePath()
                                .resolve(row.get("output").getAsString()))
                        .exists();
                assertThat(row.get("thumb").getAsString()).matches("review/[0-9a-f]{16}-thumb\\.jpg");
            } else {
                assertThat(row.get("reason").getAsString()).isEqualTo("truncated");
                assertThat(row.has("score")).isFalse();
            }
        }
        assertThat(rows.get(rows.size() - 1).getAsJsonObject().get("status").getAsString())
                .as("unscored lines last")
                .isEqualTo("failed");
    }

    @Test
    void aLineWithAMaskGetsARedOverlayOfTheMaskedPixelsAndTheDamageTerm() throws IOException {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        FloatImage clean = scene(64, 48);
        pair(input, output, "scratched.png", clean, clean);
        BufferedImage mask = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        mask.getRaster().setSample(5, 6, 0, 255);
        Files.createDirectories(output.resolve("masks"));
        ImageIO.write(mask, "png", output.resolve("masks/scratched.mask.png").toFile());
        Path report = lines(
                output,
                ok("scratched.png", 0.0, ",\"maskedFraction\":0.02,\"maskOutput\":\"masks/scratched.mask.png\""));

        JsonObject row = data(new ReviewPage(input, output.resolve("_report"), 1_000_000).write(List.of(report)))
                .get(0)
                .getAsJsonObject();

        assertThat(row.getAsJsonObject("terms").get("damage").getAsDouble()).isEqualTo(0.02 / ReviewScore.DAMAGE_UNIT);
        BufferedImage overlay = ImageIO.read(
                output.resolve("_report").resolve(row.get("mask").getAsString()).toFile());
        assertThat(overlay.getWidth()).isEqualTo(64);
        assertThat(overlay.getRGB(10, 12) >>> 24)
                .as("mask pixel (5, 6) covers (10..11, 12..13)")
                .isGreaterThan(0);
        assertThat(overlay.getRGB(0, 0) >>> 24)
                .as("unmasked pixels stay transparent")
                .isZero();
    }

    private static JsonArray data(Path page) throws IOException {
        String script = Files.readString(page.resolveSibling(ReviewPage.DATA), StandardCharsets.UTF_8)
                .trim();
        assertThat(script).startsWith("window.REVIEW_DATA = ").endsWith(";");
        String json = script.substring("window.REVIEW_DATA = ".length(), script.length() - 1);
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("rows");
    }

    private static String ok(String path, double sigma, String extra) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        o.addProperty("input", path);
        o.addProperty("output", path);
        o.addProperty("task", "denoise");
        o.addProperty("noiseLevel", sigma);
        String json = o.toString();
        return json.substring(0, json.length() - 1) + extra
                + ",\"timingsMs\":{\"decode\":5,\"inference\":120},\"run\":\"r1\"}";
    }

    private static String page(String input, int page, String output) {
        return "{\"status\":\"ok\",\"input\":\"" + input + "\",\"page\":" + page + ",\"output\":\"" + output
                + "\",\"task\":\"denoise\",\"noiseLevel\":1.0,\"timingsMs\":{\"decode\":5},\"run\":\"r1\"}";
    }

    private static Path lines(Path output, String... lines) throws IOException {
        Path report = Files.createDirectories(output.resolve("_report")).resolve("part-0-r1-0.jsonl");
        return Files.write(report, List.of(lines), StandardCharsets.UTF_8);
    }

    private static void pair(Path input, Path output, String path, FloatImage before, FloatImage after)
            throws IOException {
        write(input.resolve(path), before);
        write(output.resolve(path), after);
    }

    private static void write(Path file, FloatImage image) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ImageEncoder.builder().build().encode(image, Optional.empty(), OutputFormat.PNG));
    }

    private static FloatImage scene(int width, int height) {
        SplittableRandom random = new SplittableRandom(7);
        float[] samples = new float[3 * width * height];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 0.3f + 0.4f * (float) random.nextDouble();
        }
        return FloatImage.wrap(3, height, width, 8, samples);
    }

    private static FloatImage shift(FloatImage image, float by) {
        float[] samples = image.toArray();
        for (int i = 0; i < samples.length; i++) {
            samples[i] += by;
        }
        return FloatImage.wrap(image.channels(), image.height(), image.width(), image.bitDepth(), samples);
    }
}
