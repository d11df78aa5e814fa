package dev.imagerestore.operators.source;

import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.files.RealPaths;
import dev.imagerestore.operators.source.internal.FileRules;
import dev.imagerestore.operators.source.internal.Glob;
import dev.imagerestore.operators.source.internal.ImageFileFormat;
import dev.imagerestore.operators.source.internal.ImageFileSource;
import dev.imagerestore.operators.source.internal.InputTree;
import dev.imagerestore.operators.source.internal.StableFileEnumeratorProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.core.fs.Path;

/**
 * Builds the image source (Flink's file source machinery over a local or mounted folder): one
 * {@link ImageFile} record per file, recursive, and one skipped record per entry that is not read.
 *
 * <p><b>Which files.</b> Files matching an include glob (default: every image extension the decoder
 * reads) and no exclude glob, relative to the root, matched case-insensitively. Hidden files and
 * directories, temporary files ({@code *.tmp}, {@code *.part}, {@code *.inprogress}, {@code ~*}),
 * the sinks' own hidden temporary files, {@code _report} directories and the ignored directories are
 * never read (see {@link FileRules}).
 *
 * <p><b>Every entry accounted for.</b> Each entry that is not read (refused by the rules above, a
 * FIFO, socket or device, unreadable, a dangling link, a link out of the input or a link loop, a
 * name the JVM cannot represent) becomes a skipped record with the reason, which the job turns into
 * a report line; listing never fails because of one entry (see {@code InputTree}). Links are
 * followed inside the input only, unless {@link #optFollowLinks}.
 *
 * <p><b>Never half a file.</b> A file is read only once it has <em>settled</em>: it was last
 * modified at least {@link #optMinFileAge min file age} ago and its size and modification time
 * were unchanged since the previous directory scan (at a source's first scan, the age alone
 * decides). In continuous mode the scans are the periodic discovery scans; in bounded mode (the
 * default) young files are rescanned after waiting the min age, for at most the
 * {@link #optSettleTimeout settle timeout}. A writer that pauses for less than the min file age is
 * never read half; writers that may pause longer should write to a temporary or hidden name and
 * rename when done.
 *
 * <p>Options are checked as they are set, so a bad value fails where it is given.
 */
public final class ImageSourceBuilder {

    /** Default minimum age of an unchanged file: 2 s, above the mtime resolution of common file systems. */
    public static final Duration DEFAULT_MIN_FILE_AGE = Duration.ofSeconds(2);
    /** Default for how long a bounded source waits for files still being written. */
    public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofMinutes(1);
    /** Default byte limit per file: 1 GiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

    private final Path root;
    private final List<Glob> includes = new ArrayList<>();
    private final List<Glob> excludes = new ArrayList<>();
    private final Set<String> ignoredDirectories = new HashSet<>();
    private boolean followLinks;
    private Duration monitorInterval;
    private Duration minFileAge = DEFAULT_MIN_FILE_AGE;
    private Duration settleTimeout = DEFAULT_SETTLE_TIMEOUT;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private long locateAbovePixels = Long.MAX_VALUE;

    ImageSourceBuilder(Path root) {
        this.root = root;
    }

    /** Adds an include glob (replacing the default include); e.g. {@code "**}{@code /*.tif"}. */
    public ImageSourceBuilder optInclude(String glob) {
        includes.add(Glob.compile(glob));
        return this;
    }

    /** Adds an exclude glob; {@code "raw/**"} also keeps the source out of the directory {@code raw}. */
    public ImageSourceBuilder optExclude(String glob) {
        excludes.add(Glob.compile(glob));
        return this;
    }

    /**
     * Never reads under {@code directory} (for an output directory inside the input), compared by real
     * path, so a symlinked or not yet created output is recognised too.
     */
    public ImageSourceBuilder optIgnoreDirectory(java.nio.file.Path directory) {
        ignoredDirectories.add(RealPaths.of(directory).toString());
        return this;
    }

    /** Follows symbolic links that lead out of the input (default: skipped with a line); loops are still cut. */
    public ImageSourceBuilder optFollowLinks(boolean follow) {
        this.followLinks = follow;
        return this;
    }

    /** Keeps running and scans for new files every {@code interval} (continuous mode). */
    public ImageSourceBuilder optMonitor(Duration interval) {
        this.monitorInterval = positive(interval, "monitor interval");
        return this;
    }

    /** A file last modified at least this long ago is taken as complete (default 2 s). */
    public ImageSourceBuilder optMinFileAge(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) {
            throw new IllegalArgumentException("min file age must be >= 0, got " + age);
        }
        this.minFileAge = age;
        return this;
    }

    /** Bounded mode: how long to wait for files still being written before skipping them (default 1 min). */
    public ImageSourceBuilder optSettleTimeout(Duration timeout) {
        this.settleTimeout = positive(timeout, "settle timeout");
        return this;
    }

    /** Files above this size are not read but reported as failed (default 1 GiB). */
    public ImageSourceBuilder optMaxFileBytes(long bytes) {
        if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--max-file-bytes must be in [1, " + (Integer.MAX_VALUE - 8)
                    + "] (the largest Java array), got " + bytes);
        }
        this.maxFileBytes = bytes;
        return this;
    }

    /**
     * Emits images of more than {@code pixels} pixels {@linkplain ImageFile#located located}: their
     * headers are read where they lie, their bytes are not, so that they can be read by region
     * (default: never). {@code --max-file-bytes} does not apply to them, since no array holds them.
     */
    public ImageSourceBuilder optLocateAbovePixels(long pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException(
                    "the pixel count above which images are read by region must be >= 1, " + "got " + pixels);
        }
        this.locateAbovePixels = pixels;
        return this;
    }

    /**
     * Lists the folder now, as the source's first scan would (by the rules above; ages and sizes
     * are not looked at): the files it reads and how many entries it reports skipped. For counting
     * the report lines of a run before it starts.
     */
    public InputListing list() throws IOException {
        return tree().list(java.nio.file.Path.of(root.toUri()));
    }

    /** The source: bounded unless {@link #optMonitor} was set. */
    public AbstractFileSource<ImageFile, ?> build() {
        boolean bounded = monitorInterval == null;
        return new ImageFileSource(
                root,
                new StableFileEnumeratorProvider(tree(), minFileAge, settleTimeout, bounded),
                new ImageFileFormat(maxFileBytes, locateAbovePixels),
                monitorInterval);
    }

    private InputTree tree() {
        return new InputTree(new FileRules(includes, excludes, Set.of()), followLinks, ignoredDirectories);
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be > 0, got " + d);
        }
        return d;
    }
}
