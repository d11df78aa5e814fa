package dev.imagerestore.job.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UriPathsTest {

    @Test
    void oddCharactersArePercentEncodedPerSegmentAsUtf8() {
        assertThat(UriPaths.relative("../", "dir with space/a #1 100%:ü.png"))
                .isEqualTo("../dir%20with%20space/a%20%231%20100%25%3A%C3%BC.png");
    }

    @Test
    void aRelativeLinkResolvesBackToTheFile() {
        String name = "scans/ünï cödé #2 50% ?:x'\".png";
        URI page = URI.create("file:///archive/out/_report/index.html");

        URI resolved = page.resolve(UriPaths.relative("../", name));

        assertThat(Path.of(resolved)).isEqualTo(Path.of("/archive/out").resolve(name));
    }

    @Test
    void anAbsoluteLinkIsAFileUrlOfTheSamePath() {
        Path file = Path.of("/archive/in/a b#c%d:é.tif");

        String url = UriPaths.absolute(file);

        assertThat(url).startsWith("file:///archive/in/").doesNotContain(" ", "#", "é");
        assertThat(Path.of(URI.create(url))).isEqualTo(file);
    }
}
