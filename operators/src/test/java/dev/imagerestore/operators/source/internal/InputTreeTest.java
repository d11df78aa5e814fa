package dev.imagerestore.operators.source.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class InputTreeTest {

    @TempDir
    Path work;

    private InputTree tree(boolean followLinks, Set<String> ignored) {
        return new InputTree(new FileRules(List.of(), List.of(), Set.of()), followLinks, ignored);
    }

    @Test
    void linksAreFollowedInsideTheInputOnlyAndLoopsAreCutByRealPath() throws IOException {
        Path in = Files.createDirectories(work.resolve("in"));
        Path outside = Files.createDirectories(work.resolve("elsewhere"));
        Files.write(outside.resolve("o.png"), new byte[] {1});
        Files.write(Files.createDirectories(in.resolve("sub")).resolve("s.png"), new byte[] {1});
        Files.createSymbolicLink(in.resolve("out-link"), outside);
        Files.createSymbolicLink(in.resolve("sub/up"), in);
        Files.createSymbolicLink(in.resolve("twin"), in.resolve("sub"));
        Files.createSymbolicLink(in.resolve("ping"), in.resolve("pong"));
        Files.createSymbolicLink(in.resolve("pong"), in.resolve("ping"));

        InputTree.Listing listing = tree(false, Set.of()).scan(in);

        assertThat(listing.files()).containsOnlyKeys("sub/s.png");
        assertThat(reasons(listing)).containsOnlyKeys("out-link", "ping", "pong", "sub/up", "twin");
        assertThat(reasons(listing).get("out-link"))
                .startsWith("symlink outside input (to ")
                .endsWith("); pass --follow-links to follow it");
        assertThat(reasons(listing).get("ping")).startsWith("symlink that cannot be resolved");
        assertThat(reasons(listing).get("sub/up")).startsWith("symlink loop or second link to a folder already read");
        assertThat(tree(true, Set.of()).scan(in).files()).containsOnlyKeys("out-link/o.png", "sub/s.png");
    }

    @Test
    void aDanglingLinkAFifoAndAnIgnoredOutputFolderEachGetOneReasonAndTheirSiblingsAreRead() throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        Files.write(in.resolve("a.png"), new byte[] {1});
        Files.createSymbolicLink(in.resolve("gone.png"), in.resolve("nowhere.png"));
        assertThat(new ProcessBuilder("mkfifo", in.resolve("pipe.png").toString())
                        .start()
                        .waitFor())
                .isZero();
        Path output = Files.createDirectories(in.resolve("restored"));
        Files.write(output.resolve("a.png"), new byte[] {1});
        Files.createSymbolicLink(work.resolve("out-alias"), output);

        InputTree.Listing listing =
                tree(false, Set.of(output.toRealPath().toString())).scan(in);

        assertThat(listing.files()).containsOnlyKeys("a.png");
        assertThat(reasons(listing))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gone.png", "dangling symlink (its target does not exist)",
                        "pipe.png", "not a regular file (fifo)",
                        "restored", "the output folder"));
    }

    @Test
    void anUnreadableFileAndAnUnreadableFolderAreEachSkippedWithALine() throws IOException {
        assumeFalse(
                "root".equals(System.getProperty("user.name")),
                "root reads files whatever their permissions; run as another user to check this");
        Path in = Files.createDirectories(work.resolve("in"));
        Files.write(in.resolve("a.png"), new byte[] {1});
        Files.setPosixFilePermissions(
                Files.write(in.resolve("locked.png"), new byte[] {1}), PosixFilePermissions.fromString("---------"));
        Path closed = Files.createDirectories(in.resolve("closed"));
        Files.write(closed.resolve("c.png"), new byte[] {1});
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        try {
            InputTree.Listing listing = tree(false, Set.of()).scan(in);

            assertThat(listing.files()).containsOnlyKeys("a.png");
            assertThat(reasons(listing))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "locked.png", "unreadable, permission denied",
                            "closed", "unreadable folder, permission denied"));
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMissingRootFailsTheListingWithItsName() {
        assertThatThrownBy(() -> tree(false, Set.of()).scan(work.resolve("none")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("none does not exist");
    }

    private static Map<String, String> reasons(InputTree.Listing listing) {
        Map<String, String> reasons = new TreeMap<>();
        listing.skipped()
                .forEach(s -> assertThat(reasons.put(s.relativePath(), s.reason()))
                        .as("one line per entry")
                        .isNull());
        return reasons;
    }
}
