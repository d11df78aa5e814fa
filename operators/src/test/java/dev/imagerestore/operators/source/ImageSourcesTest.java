package dev.imagerestore.operators.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.operators.ImageTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourcesTest {

    @TempDir
    Path root;

    @Test
    void boundedByDefaultContinuousWhenMonitored() {
        assertThat(ImageSources.forDirectory(root).build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(ImageSources.forDirectory(root)
                        .optMonitor(Duration.ofSeconds(5))
                        .build()
                        .getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(ImageSources.forDirectory(root).build().getProducedType()).isEqualTo(ImageTypes.IMAGE_FILE);
    }

    @Test
    void badOptionsFailWhereTheyAreGiven() {
        ImageSourceBuilder builder = ImageSources.forDirectory(root);

        assertThatThrownBy(() -> builder.optInclude("{png")).hasMessage("glob '{png' has an unclosed '{'");
        assertThatThrownBy(() -> builder.optMonitor(Duration.ZERO))
                .hasMessage("monitor interval must be > 0, got PT0S");
        assertThatThrownBy(() -> builder.optMaxFileBytes(0)).hasMessageContaining("--max-file-bytes must be in [1, ");
        assertThatThrownBy(() -> builder.optMinFileAge(Duration.ofSeconds(-1))).hasMessageContaining("min file age");
    }

    @Test
    void aListingHoldsTheFilesReadAndCountsEveryOtherEntryOnceIncludingAnOutputFolderInside() throws IOException {
        for (String file : List.of("a.png", "sub/b.png", "raw/c.png", "notes.txt", "out/d.png", "_report/e.png")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), file);
        }

        InputListing listing = ImageSources.forDirectory(root)
                .optExclude("raw/**")
                .optIgnoreDirectory(root.resolve("out"))
                .list();

        assertThat(listing.files())
                .containsExactly(
                        root.toRealPath().resolve("a.png"), root.toRealPath().resolve("sub/b.png"));
        assertThat(listing.skipped())
                .as("raw/, notes.txt, out/ and _report/, each once")
                .isEqualTo(4);
        assertThat(listing.entries()).isEqualTo(6);
    }
}
