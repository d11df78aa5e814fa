package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium driven through its own chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; never a download). Where either is missing, the test that asks is skipped,
 * unless the system property {@value #REQUIRED} is true (CI sets it), which makes it fail instead.
 * The paths can be given with {@code -Dreview.chromium=} and {@code -Dreview.chromedriver=}.
 */
final class ReviewBrowser {

    static final String REQUIRED = "review.browser.required";

    private ReviewBrowser() {}

    /** Skips the calling test, or fails it under {@value #REQUIRED}, when the browser or its driver is missing. */
    static void require() {
        Optional<Path> chromium = chromium();
        Optional<Path> driver = driver();
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = (chromium.isEmpty() ? "chromium " : "") + (driver.isEmpty() ? "chromedriver" : "");
            if (Boolean.getBoolean(REQUIRED)) {
                fail("-D" + REQUIRED + " is set but " + missing.trim() + " was not found on the PATH or at "
                        + "-Dreview.chromium/-Dreview.chromedriver: apt-get install -y chromium chromium-driver");
            }
            assumeTrue(
                    false,
                    missing.trim() + " not found (apt-get install -y chromium chromium-driver); " + "-D" + REQUIRED
                            + "=true makes this a failure");
        }
    }

    /** A new headless browser with a {@code width x height} window; the caller quits it. */
    static ChromeDriver start(int width, int height) {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> chromium() {
        return find("review.chromium", "chromium", "chromium-browser", "google-chrome");
    }

    private static Optional<Path> driver() {
        return find("review.chromedriver", "chromedriver");
    }

    private static Optional<Path> find(String property, String... names) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(names)
                .flatMap(name ->
                        Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
