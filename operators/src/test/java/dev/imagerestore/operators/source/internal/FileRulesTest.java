package dev.imagerestore.operators.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileRulesTest {

    private final FileRules defaults = new FileRules(List.of(), List.of(), Set.of("out"));

    @ParameterizedTest
    @ValueSource(strings = {"a.png", "d/b.JPG", "x/y/z.tiff", "c.pgm", "g.gif", "b.bmp"})
    void defaultIncludeReadsImageFiles(String path) {
        assertThat(defaults.admitsFile(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "notes.txt",
                ".hidden.png",
                "d/.a.png.0f8e-uuid.inprogress",
                "a.png.tmp",
                "b.part",
                "c.png.part",
                "~lock.png",
                "x.inprogress",
                "y.png.crdownload"
            })
    void hiddenTemporaryAndOtherFilesAreNeverRead(String path) {
        assertThat(defaults.admitsFile(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", "a/.cache", "_report", "deep/_report", "out"})
    void hiddenReportAndIgnoredDirectoriesAreNotEntered(String directory) {
        assertThat(defaults.admitsDirectory(directory)).isFalse();
    }

    @Test
    void includesReplaceTheDefaultAndExcludesWin() {
        FileRules rules = new FileRules(
                List.of(Glob.compile("**/*.tif"), Glob.compile("*.txt")),
                List.of(Glob.compile("raw/**"), Glob.compile("**/*-thumb.tif")),
                Set.of());

        assertThat(rules.admitsFile("a/b.tif")).isTrue();
        assertThat(rules.admitsFile("notes.txt")).isTrue();
        assertThat(rules.admitsFile("a/b.png")).isFalse();
        assertThat(rules.admitsFile("a/b-thumb.tif")).isFalse();
        assertThat(rules.admitsDirectory("raw")).isFalse();
        assertThat(rules.admitsDirectory("rawer")).isTrue();
        assertThat(rules.admitsFile(".hidden.tif")).isFalse();
    }
}
