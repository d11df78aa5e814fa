package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.review.ReviewPage;
import dev.imagerestore.job.samples.SampleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The review page of a real bounded run (the generated samples, some renamed with spaces, {@code #},
 * {@code %}, {@code :} and non-ASCII characters, plus a corrupt file and a text file), opened from
 * disk in headless Chromium: every thumbnail loads, the rows follow the scores (and their reverse
 * after a click on the score header), the viewer shows the input and the output at 100 %, links to
 * odd names load their files, and failures and skips are listed with their reasons. Saves the
 * screenshot of the README ({@code docs/figures/review-page.png}) when run from the repository.
 */
class ReviewPageITCase {

    private static final String ODD_PNG = "land scape #15 100%.png";
    private static final String ODD_DOCUMENT = "documents/ledger: ünï.png";
    private static final Path FIGURE = Path.of("..", "docs", "figures", "review-page.png");

    /** Resolves with the number of images that failed to load, after scrolling each into view. */
    private static final String AWAIT_IMAGES = """
            var done = arguments[arguments.length - 1];
            var images = Array.from(document.querySelectorAll(arguments[0]));
            Promise.all(images.map(function (img) {
              img.scrollIntoView();
              return img.complete ? Promise.resolve()
                  : new Promise(function (ok) { img.addEventListener('load', ok); img.addEventListener('error', ok); });
            })).then(function () {
              window.scrollTo(0, 0);
              done(images.filter(function (img) { return !(img.naturalWidth > 0); }).map(function (img) { return img.src; }));
            });
            """;

    /** Resolves with the natural width of an image loaded from the URL given. */
    private static final String LOAD_URL = """
            var done = arguments[arguments.length - 1];
            var img = new Image();
            img.onload = function () { done(img.naturalWidth); };
            img.onerror = function () { done(-1); };
            img.src = arguments[0];
            """;

    @TempDir
    Path work;

    /** How many images the generated samples hold; the folder adds a broken image and a text file. */
    private int images;

    @Test
    void theReviewPageOfARealRunWorksInABrowser() throws IOException {
        ReviewBrowser.require();
        Path input = inputs();
        Path output = work.resolve("out");
        CliRun run = CliRun.of(
                "restore",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--device",
                "cpu",
                "--parallelism",
                "1",
                "--progress",
                "none",
                "--fail-on",
                "none");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        Path page = output.resolve("_report").resolve(ReviewPage.PAGE);
        assertThat(run.out()).contains("review page: " + page.toAbsolutePath().toUri());

        ChromeDriver browser = ReviewBrowser.start(1400, 1000);
        try {
            browser.get(page.toUri().toString());
            List<WebElement> rows = browser.findElements(By.cssSelector("#rows tbody tr.row"));
            assertThat(rows).hasSize(images + 2);

            List<?> broken = (List<?>) browser.executeAsyncScript(AWAIT_IMAGES, "img.thumb");
            assertThat(browser.findElements(By.cssSelector("img.thumb"))).hasSize(images);
            assertThat(broken).as("thumbnails that did not load").isEmpty();

            assertThat(scores(browser))
                    .as("worst first")
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a))
                    .hasSize(images);
            assertThat(scores(browser).stream().distinct().count())
                    .as("distinct scores, so the order means something")
                    .isGreaterThanOrEqualTo(4);
            assertThat(lastRows(browser)).as("unscored lines last").containsOnly("failed", "skipped");
            browser.findElement(By.cssSelector("th[data-key=score]")).click();
            assertThat(scores(browser)).as("after a click, best first").isSorted();
            browser.findElement(By.cssSelector("th[data-key=score]")).click();
            assertThat(scores(browser)).isSortedAccordingTo((a, b) -> Double.compare(b, a));

            for (String name : List.of(ODD_PNG, ODD_DOCUMENT)) {
                WebElement row = browser.findElement(By.xpath("//tr[@data-input=\"" + name + "\"]"));
                assertThat(row.findElement(By.cssSelector("td.name")).getText()).isEqualTo(name);
                row.click();
                assertThat(browser.findElement(By.id("viewer-title")).getText()).isEqualTo(name);
                List<?> viewer = (List<?>) browser.executeAsyncScript(AWAIT_IMAGES, "#before, #after");
                assertThat(viewer).as("viewer images that did not load").isEmpty();
                Map<?, ?> sizes = (Map<?, ?>) browser.executeScript("var b = document.getElementById('before'), "
                        + "a = document.getElementById('after'); return {bw: b.naturalWidth, bh: b.naturalHeight, "
                        + "aw: a.naturalWidth, ah: a.naturalHeight, shown: b.offsetWidth > 0 && a.offsetWidth > 0};");
                assertThat(sizes.get("bw")).isEqualTo(sizes.get("aw"));
                assertThat(sizes.get("bh")).isEqualTo(sizes.get("ah"));
                assertThat(sizes.get("shown")).isEqualTo(true);
                for (String link : List.of("open-input", "open-output")) {
                    String href = browser.findElement(By.id(link)).getAttribute("href");
                    assertThat((Long) browser.executeAsyncScript(LOAD_URL, href))
                            .as(link + " " + href)
                            .isPositive();
                }
            }
            browser.findElement(By.id("slider")).sendKeys(org.openqa.selenium.Keys.HOME);
            assertThat(browser.findElement(By.id("after")).getCssValue("clip-path"))
                    .contains("inset(0px 0px 0px 0%)");

            String problems = browser.findElement(By.id("problem-list")).getText();
            assertThat(problems).contains("failed broken #1.png: decode: ", "skipped notes.txt: source: ");

            browser.findElements(By.cssSelector("#rows tbody tr.row")).get(0).click();
            browser.executeAsyncScript(AWAIT_IMAGES, "img.thumb, #before, #after");
            if (Files.isDirectory(FIGURE.getParent())) {
                Files.write(FIGURE, browser.getScreenshotAs(OutputType.BYTES));
            }
        } finally {
            browser.quit();
        }
    }

    private static List<Double> scores(ChromeDriver browser) {
        List<Double> scores = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#rows tbody tr.row"))) {
            String score = row.getAttribute("data-score");
            if (!score.isEmpty()) {
                scores.add(Double.parseDouble(score));
                assertThat(row.findElement(By.cssSelector("td.score")).getText())
                        .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(score)));
            }
        }
        return scores;
    }

    private static List<String> lastRows(ChromeDriver browser) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#rows tbody tr.row"));
        return rows.subList(rows.size() - 2, rows.size()).stream()
                .map(r -> r.findElement(By.cssSelector("td.status")).getText())
                .toList();
    }

    private Path inputs() throws IOException {
        Path input = work.resolve("in");
        images = new SampleGenerator(2026).writeAll(input).size();
        Files.move(input.resolve("landscape-grain15.png"), input.resolve(ODD_PNG));
        Files.move(input.resolve("documents/ledger-grain30.png"), input.resolve(ODD_DOCUMENT));
        Files.write(input.resolve("broken #1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Files.writeString(input.resolve("notes.txt"), "not an image");
        return input;
    }
}
