package dev.imagerestore.job;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes, at test time, an input folder with the entries an archive holds that a restoration run
 * must survive (tiny files only, nothing binary committed), an output folder prepared with things
 * in the way of some outputs, and what the run must report for each entry.
 *
 * <p>Kinds: ordinary images (also in a non-ASCII folder, with ':' and a backslash in their names,
 * and with a 250-byte name), a corrupt image, a multi-page TIFF and one with a torn page (each page
 * reported on its own, keyed {@link #pageKey}), names that are not images ({@code .webp},
 * {@code .jp2}), hidden and temporary names, a name that is not valid UTF-8, a dangling link, a
 * FIFO, two links pointing at each other, a link to its own parent folder, a link out of the
 * input. In the output: a file where an output folder should be, a dangling link at an output
 * path, a link out of the output where an output folder should be. Permission cases (an
 * unreadable file, an unreadable folder, a read-only output folder) are written only when the
 * tests do not run as root, since root reads and writes regardless of permissions.
 */
final class ArchiveCorpus {

    /**
     * What a run must report for an entry: the status, a fragment of the reason (empty for ok) and
     * the output path it has when ok, which is its input path unless given.
     */
    record Expected(String status, String reason, String output) {
        Expected(String status, String reason) {
            this(status, reason, null);
        }
    }

    /** A 250-byte file name: the longest a NAME_MAX file system takes is 255, so a full-name temporary file would not fit. */
    static final String LONG_NAME = "l".repeat(246) + ".png";
    /** The report's spelling of the name with a byte that is not UTF-8. */
    static final String INVALID_UTF8_REPORTED = "bad%FF.png";

    private final Path input;
    private final Path output;
    private final Path outside;
    private final Map<String, Expected> expected = new LinkedHashMap<>();

    private ArchiveCorpus(Path work) {
        this.input = work.resolve("in");
        this.output = work.resolve("out");
        this.outside = work.resolve("outside");
    }

    /** Writes the corpus under {@code work} ({@code in/}, {@code out/}, {@code outside/}). */
    static ArchiveCorpus write(Path work) throws IOException, InterruptedException {
        ArchiveCorpus corpus = new ArchiveCorpus(work);
        corpus.images();
        corpus.multiPage();
        corpus.oddEntries();
        corpus.links();
        corpus.outputObstacles();
        if (!runsAsRoot()) {
            corpus.permissions();
        }
        return corpus;
    }

    /** Whether this JVM runs as root, which reads and writes files whatever their permissions. */
    static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    Path input() {
        return input;
    }

    Path output() {
        return output;
    }

    /** A folder outside both input and output that links point into; the run must not write there. */
    Path outside() {
        return outside;
    }

    /** The key of a report line: its {@code input}, with " page N" for a page of a multi-page file. */
    static String pageKey(String input, int page) {
        return page == 0 ? input : input + " page " + page;
    }

    /** The report outcome of every entry, by its report {@code input} (by {@link #pageKey} for pages). */
    Map<String, Expected> expected() {
        return Map.copyOf(expected);
    }

    private void images() throws IOException {
        SampleGenerator generator = new SampleGenerator(11);
        int variant = 0;
        for (String name : new String[] {
            "good.png",
            "sub/deeper/good.png",
            "café/été.png",
            "a:b.png",
            "back\\slash.png",
            LONG_NAME,
            "blocked/inside.png",
            "dangle-out.png",
            "escape/inside.png"
        }) {
            RestoreFixture.write(
                    generator.noisyScene(20, 12, variant++ % 4, 15), input.resolve(name), OutputFormat.PNG);
            expected.put(name, new Expected("ok", ""));
        }
        RestoreFixture.write(generator.noisyScene(16, 16, 1, 10), input.resolve("photo.jpg"), OutputFormat.JPEG);
        expected.put("photo.jpg", new Expected("ok", ""));
        Files.write(input.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        expected.put("broken.png", new Expected("failed", ""));
    }

    /** A 3-page TIFF, every page restored; and one whose second page is torn, which fails alone. */
    private void multiPage() throws IOException {
        SampleGenerator generator = new SampleGenerator(13);
        List<FloatImage> pages = List.of(
                generator.noisyScene(20, 12, 0, 15),
                generator.noisyScene(20, 12, 1, 15),
                generator.noisyScene(20, 12, 2, 15));
        byte[] book = PagedTiffs.of(pages);
        Files.createDirectories(input.resolve("pages"));
        Files.write(input.resolve("pages/book.tif"), book);
        Files.write(input.resolve("pages/torn.tif"), TestImages.tearPage(book, 2));
        for (int page = 1; page <= 3; page++) {
            String output = String.format(Locale.ROOT, "pages/book.page-%03d.tif", page);
            expected.put(pageKey("pages/book.tif", page), new Expected("ok", "", output));
            String torn = String.format(Locale.ROOT, "pages/torn.page-%03d.tif", page);
            expected.put(
                    pageKey("pages/torn.tif", page),
                    page == 2
                            ? new Expected("failed", "pages/torn.tif: page 2 of 3: ", torn)
                            : new Expected("ok", "", torn));
        }
    }

    private void oddEntries() throws IOException, InterruptedException {
        for (String name : new String[] {"scan.webp", "scan.jp2"}) {
            Files.write(input.resolve(name), new byte[] {1, 2, 3});
            expected.put(name, new Expected("skipped", "not an image extension"));
        }
        Files.write(input.resolve(".hidden.png"), new byte[] {1});
        expected.put(".hidden.png", new Expected("skipped", "hidden file"));
        Files.write(input.resolve("x.png.part"), new byte[] {1});
        expected.put("x.png.part", new Expected("skipped", "temporary file name"));
        shell("printf x > \"$(printf 'bad\\377.png')\"", input);
        expected.put(INVALID_UTF8_REPORTED, new Expected("skipped", "name is not valid UTF-8"));
        shell("mkfifo pipe.png", input);
        expected.put("pipe.png", new Expected("skipped", "not a regular file (fifo)"));
    }

    private void links() throws IOException {
        Files.createSymbolicLink(input.resolve("dangling.png"), input.resolve("no-such-file.png"));
        expected.put("dangling.png", new Expected("skipped", "dangling symlink"));
        Files.createSymbolicLink(input.resolve("ping"), input.resolve("pong"));
        Files.createSymbolicLink(input.resolve("pong"), input.resolve("ping"));
        expected.put("ping", new Expected("skipped", "symlink that cannot be resolved"));
        expected.put("pong", new Expected("skipped", "symlink that cannot be resolved"));
        Files.createSymbolicLink(input.resolve("sub/deeper/up"), input.resolve("sub"));
        expected.put("sub/deeper/up", new Expected("skipped", "symlink loop"));
        Files.createDirectories(outside);
        Files.write(outside.resolve("foreign.png"), Files.readAllBytes(input.resolve("good.png")));
        Files.createSymbolicLink(input.resolve("foreign"), outside);
        expected.put("foreign", new Expected("skipped", "symlink outside input"));
    }

    private void outputObstacles() throws IOException {
        Files.createDirectories(output);
        Files.write(output.resolve("blocked"), new byte[] {7});
        expected.put(
                "blocked/inside.png", new Expected("failed", "a file is where the output folder blocked should be"));
        Files.createSymbolicLink(output.resolve("dangle-out.png"), output.resolve("nowhere.png"));
        expected.put("dangle-out.png", new Expected("failed", "is a symbolic link"));
        Files.createSymbolicLink(output.resolve("escape"), outside);
        expected.put("escape/inside.png", new Expected("failed", "symbolic link out of the output folder"));
    }

    private void permissions() throws IOException {
        Path locked = input.resolve("locked.png");
        Files.write(locked, Files.readAllBytes(input.resolve("good.png")));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        expected.put("locked.png", new Expected("skipped", "unreadable, permission denied"));
        Path closed = Files.createDirectories(input.resolve("closed"));
        Files.write(closed.resolve("c.png"), Files.readAllBytes(input.resolve("good.png")));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        expected.put("closed", new Expected("skipped", "unreadable folder, permission denied"));
        RestoreFixture.write(
                new SampleGenerator(5).noisyScene(12, 12, 0, 10), input.resolve("ro/r.png"), OutputFormat.PNG);
        Path readOnly = Files.createDirectories(output.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        expected.put("ro/r.png", new Expected("failed", "is not writable"));
    }

    private static void shell(String command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command)
                .directory(directory.toFile())
                .inheritIO()
                .start();
        if (process.waitFor() != 0) {
            throw new IOException("'" + command + "' failed with exit code " + process.exitValue());
        }
    }
}
