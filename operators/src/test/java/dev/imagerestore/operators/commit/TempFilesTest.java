package dev.imagerestore.operators.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TempFilesTest {

    private static final Path DIR = Path.of("/out/scans");

    @Test
    void aTemporaryFileIsAHiddenSiblingThatNamesItsOrigin() {
        TempFiles.Origin origin = new TempFiles.Origin(12, 345_678_901_234L);
        Path target = DIR.resolve("a.b-c.s1-c2.png");

        Path temporary = TempFiles.temporaryFor(target, origin);

        assertThat(temporary.getParent()).isEqualTo(DIR);
        assertThat(temporary.getFileName().toString())
                .startsWith(".a.b-c.s1-c2.png.s12-c345678901234-")
                .endsWith(TempFiles.SUFFIX);
        assertThat(TempFiles.originOf(temporary)).contains(origin);
        assertThat(TempFiles.temporaryFor(target, origin)).as("fresh each time").isNotEqualTo(temporary);
    }

    @Test
    void aLongTargetNameIsHashedSoTheTemporaryNameStaysWithinNameMaxAndStillNamesItsOrigin() {
        TempFiles.Origin origin = new TempFiles.Origin(999_999_999, 999_999_999_999_999_999L);
        String longName = "é".repeat(100) + "x".repeat(51) + ".png";
        Path target = DIR.resolve(longName);

        Path temporary = TempFiles.temporaryFor(target, origin);

        assertThat(longName.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(temporary.getFileName().toString().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(255);
        assertThat(temporary.getFileName().toString()).matches("\\.[0-9a-f]{16}\\.s999999999-c999999999999999999-.*");
        assertThat(TempFiles.originOf(temporary)).contains(origin);
        assertThat(TempFiles.temporaryFor(DIR.resolve("é".repeat(100) + "y".repeat(51) + ".png"), origin)
                        .getFileName()
                        .toString())
                .as("another long name, another hash")
                .doesNotStartWith(temporary.getFileName().toString().substring(0, 17));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a.png",
                ".a.png",
                ".a.png.inprogress",
                "a.png.s0-c1-0f8e3c2a-1b2c-4d5e-8f90-123456789abc.inprogress",
                ".a.png.0f8e3c2a-1b2c-4d5e-8f90-123456789abc.inprogress",
                ".a.png.s0-c1-0f8e3c2a-1b2c-4d5e-8f90-123456789abc.tmp",
                ".a.png.s-1-c1-0f8e3c2a-1b2c-4d5e-8f90-123456789abc.inprogress",
                ".s0-c1-0f8e3c2a-1b2c-4d5e-8f90-123456789abc.inprogress",
                ".a.png.s0-c1-0f8e3c2a-1b2c-4d5e-8f90-123456789ab.inprogress"
            })
    void namesThatAreNotTaggedTemporaryFilesHaveNoOrigin(String name) {
        assertThat(TempFiles.originOf(DIR.resolve(name))).isEmpty();
    }

    @Test
    void originsAreNeverNegative() {
        assertThatThrownBy(() -> new TempFiles.Origin(-1, 3)).hasMessageContaining("got -1 and 3");
    }
}
