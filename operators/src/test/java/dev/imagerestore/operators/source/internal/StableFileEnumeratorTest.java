package dev.imagerestore.operators.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableFileEnumeratorTest {

    private static final Duration MIN_AGE = Duration.ofSeconds(2);
    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path root;

    private final ManualTicker ticker = new ManualTicker(START);
    private final InputTree tree = new InputTree(new FileRules(List.of(), List.of(), Set.of()), false, Set.of());

    @Test
    void continuousModeEmitsAGrowingFileOnlyOnceTwoScansAgreeAndItIsOldEnough() throws IOException {
        StableFileEnumerator enumerator = continuous();
        write("old.png", 10, START - 60_000);
        write("scan.png", 100, START);

        assertThat(names(scan(enumerator))).containsExactly("old.png");

        ticker.advance(Duration.ofMillis(500));
        append("scan.png", 100);
        assertThat(names(scan(enumerator))).containsExactly("old.png");

        ticker.advance(MIN_AGE.minusMillis(1));
        assertThat(names(scan(enumerator)))
                .as("unchanged, but younger than the min age")
                .containsExactly("old.png");

        ticker.advance(Duration.ofMillis(1));
        List<FileSourceSplit> settled = scan(enumerator);
        assertThat(names(settled)).containsExactly("old.png", "scan.png");
        assertThat(settled.get(1).length()).isEqualTo(200);
    }

    @Test
    void aFileThatChangesAfterItWasHandedOutGetsANewPathSoTheContinuousEnumerationHandsItOutAgain() throws IOException {
        StableFileEnumerator enumerator = continuous();
        write("scan.png", 100, START - 60_000);
        ImageSplit first = (ImageSplit) scan(enumerator).get(0);
        ticker.advance(MIN_AGE);
        ImageSplit same = (ImageSplit) scan(enumerator).get(0);
        assertThat(same.path())
                .as("unchanged: the path Flink already handed out")
                .isEqualTo(first.path());

        append("scan.png", 50);
        ticker.advance(MIN_AGE);
        scan(enumerator);
        ImageSplit changed = (ImageSplit) scan(enumerator).get(0);

        assertThat(changed.path()).as("a new version, a new path").isNotEqualTo(first.path());
        assertThat(changed.relativePath()).isEqualTo("scan.png");
        assertThat(changed.length()).isEqualTo(150);
        assertThat(changed.file()).isEqualTo(root.resolve("scan.png")).isEqualTo(first.file());
    }

    @Test
    void theFileOfAVersionedPathIsTheFileEvenWithOddCharactersInItsName() throws IOException {
        Path odd = root.resolve("a #1 %20 é.png");
        Files.write(odd, new byte[3]);
        java.net.URI versioned = ImageSplit.versioned(odd.toUri(), 3, 7);
        ImageSplit split =
                new ImageSplit("0", new org.apache.flink.core.fs.Path(versioned), 3, 7, "a #1 %20 é.png", null, null);

        assertThat(versioned.getFragment()).isEqualTo("3-7");
        assertThat(split.file()).isEqualTo(odd);
    }

    @Test
    void continuousModeNeverAdmitsAWriterPausingForManyScansButLessThanTheMinAge() throws IOException {
        StableFileEnumerator enumerator = continuous();
        assertThat(scan(enumerator)).isEmpty();
        write("slow.png", 100, START);

        for (int i = 0; i < 19; i++) {
            ticker.advance(Duration.ofMillis(100));
            assertThat(scan(enumerator)).as("scan %d during the pause", i).isEmpty();
        }
        append("slow.png", 100);
        ticker.advance(Duration.ofMillis(100));
        assertThat(scan(enumerator)).as("grew since the previous scan").isEmpty();
        ticker.advance(MIN_AGE);
        List<FileSourceSplit> settled = scan(enumerator);
        assertThat(names(settled)).containsExactly("slow.png");
        assertThat(settled.get(0).length()).isEqualTo(200);
    }

    @Test
    void continuousModeHoldsBackAFileCopiedInWithAnOldModificationTimeWhileItGrows() throws IOException {
        StableFileEnumerator enumerator = continuous();
        assertThat(scan(enumerator)).isEmpty();
        write("copied.png", 100, START - 60_000);

        ticker.advance(Duration.ofMillis(100));
        assertThat(scan(enumerator)).as("first seen").isEmpty();
        write("copied.png", 200, START - 60_000);
        ticker.advance(Duration.ofMillis(100));
        assertThat(scan(enumerator)).as("grew since the previous scan").isEmpty();
        ticker.advance(Duration.ofMillis(100));
        assertThat(names(scan(enumerator))).containsExactly("copied.png");
    }

    @Test
    void boundedModeWaitsForYoungFilesToSettleWithoutSleepingForOldOnes() throws IOException {
        write("old.png", 10, START - 60_000);
        StableFileEnumerator enumerator = bounded(Duration.ofMinutes(1));

        assertThat(names(scan(enumerator))).containsExactly("old.png");
        assertThat(ticker.sleeps()).isEmpty();
    }

    @Test
    void boundedModeReadsAFileOnceItStopsGrowing() throws IOException {
        write("copying.png", 100, START);
        int[] growthsLeft = {2};
        ticker.whileSleeping(() -> {
            if (growthsLeft[0]-- > 0) {
                append("copying.png", 100);
            }
        });

        List<FileSourceSplit> splits = scan(bounded(Duration.ofMinutes(1)));

        assertThat(names(splits)).containsExactly("copying.png");
        assertThat(splits.get(0).length()).isEqualTo(300);
        assertThat(ticker.sleeps()).hasSize(3).allMatch(MIN_AGE::equals);
    }

    @Test
    void boundedModeSkipsAFileStillGrowingAtTheSettleTimeout() throws IOException {
        write("stuck.png", 10, START);
        write("done.png", 10, START - 10_000);
        ticker.whileSleeping(() -> append("stuck.png", 10));

        List<FileSourceSplit> splits = scan(bounded(Duration.ofSeconds(5)));

        assertThat(names(splits)).containsExactly("done.png");
        assertThat(skipped(splits))
                .containsExactly("stuck.png: still changing after 5 s (size or modification time "
                        + "differ between scans); writers should write to a temporary name and rename when done");
        assertThat(ticker.currentTimeMillis() - START).isEqualTo(5_000);
    }

    @Test
    void filesTheRulesRejectAreNeverReadHoweverOldButEachIsReportedOnceWithItsReason() throws IOException {
        long old = START - 60_000;
        write(".hidden.png", 10, old);
        write(".a.png.1234.inprogress", 10, old);
        write("b.png.tmp", 10, old);
        write("_report/x.png", 10, old);
        write("sub/ok.png", 10, old);

        List<FileSourceSplit> splits = scan(continuous());

        assertThat(names(splits)).containsExactly("sub/ok.png");
        assertThat(skipped(splits))
                .containsExactly(
                        ".a.png.1234.inprogress: hidden file (name starts with '.')",
                        ".hidden.png: hidden file (name starts with '.')",
                        "_report: a run report folder (_report)",
                        "b.png.tmp: temporary file name (~*, .tmp, .part, .inprogress, .crdownload)");
    }

    private StableFileEnumerator continuous() {
        return new StableFileEnumerator(tree, MIN_AGE, Duration.ofMinutes(1), false, ticker);
    }

    private StableFileEnumerator bounded(Duration settleTimeout) {
        return new StableFileEnumerator(tree, MIN_AGE, settleTimeout, true, ticker);
    }

    private List<FileSourceSplit> scan(StableFileEnumerator enumerator) throws IOException {
        Collection<FileSourceSplit> splits = enumerator.enumerateSplits(
                new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(root.toUri())}, 1);
        return List.copyOf(splits);
    }

    /** The relative paths of the files to read. */
    private static List<String> names(List<FileSourceSplit> splits) {
        return splits.stream()
                .map(ImageSplit.class::cast)
                .filter(s -> s.skipReason().isEmpty())
                .map(ImageSplit::relativePath)
                .toList();
    }

    /** "path: reason" of the skipped entries. */
    private static List<String> skipped(List<FileSourceSplit> splits) {
        return splits.stream()
                .map(ImageSplit.class::cast)
                .filter(s -> s.skipReason().isPresent())
                .map(s -> s.relativePath() + ": " + s.skipReason().get())
                .toList();
    }

    private void write(String relative, int bytes, long mtime) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private void append(String relative, int bytes) {
        try {
            Path file = root.resolve(relative);
            Files.write(file, new byte[bytes], StandardOpenOption.APPEND);
            Files.setLastModifiedTime(file, FileTime.fromMillis(ticker.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
