package dev.imagerestore.operators.source.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void doubleStarSlashMatchesZeroOrMoreDirectories() {
        Glob glob = Glob.compile("**/*.tif");

        assertThat(glob.matches("a.tif")).isTrue();
        assertThat(glob.matches("x/y/a.TIF")).isTrue();
        assertThat(glob.matches("a.tiff")).isFalse();
        assertThat(glob.matches("a.tif/b")).isFalse();
    }

    @Test
    void singleStarAndQuestionMarkStayWithinOneDirectory() {
        assertThat(Glob.compile("*.png").matches("a.png")).isTrue();
        assertThat(Glob.compile("*.png").matches("d/a.png")).isFalse();
        assertThat(Glob.compile("scan-??.bmp").matches("scan-07.bmp")).isTrue();
        assertThat(Glob.compile("scan-??.bmp").matches("scan-7.bmp")).isFalse();
        assertThat(Glob.compile("raw/**").matches("raw/a/b/c.png")).isTrue();
    }

    @Test
    void bracesAndClassesSelectAlternatives() {
        Glob glob = Glob.compile("{left,right}/[!x]*.{jpg,jpeg}");

        assertThat(glob.matches("left/a.jpg")).isTrue();
        assertThat(glob.matches("right/b.JPEG")).isTrue();
        assertThat(glob.matches("left/x.jpg")).isFalse();
        assertThat(glob.matches("middle/a.jpg")).isFalse();
        assertThat(Glob.compile("a[0-9].png").matches("a5.png")).isTrue();
        assertThat(Glob.compile("a+b(1).png").matches("a+b(1).png")).isTrue();
    }

    @Test
    void malformedGlobsAreRejectedWithTheGlob() {
        assertThatThrownBy(() -> Glob.compile("{a,b")).hasMessage("glob '{a,b' has an unclosed '{'");
        assertThatThrownBy(() -> Glob.compile("[abc")).hasMessage("glob '[abc' has an unclosed '['");
        assertThatThrownBy(() -> Glob.compile("/abs/*.png"))
                .hasMessage("glob '/abs/*.png' must be relative to the input root (no leading '/')");
    }
}
