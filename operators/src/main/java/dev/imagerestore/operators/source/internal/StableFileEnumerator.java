package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.source.internal.InputTree.Observation;
import dev.imagerestore.operators.source.internal.InputTree.Skipped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the input tree ({@link InputTree}) and admits only files that are no longer being written:
 * one split per file, and one skipped split per entry that is not read, so that each gets its
 * report line (in continuous mode Flink hands out each path once, so a skipped entry is reported
 * once).
 *
 * <p>The rule: a file is <em>settled</em>, and admitted, when its modification time is at least
 * {@code minAge} in the past <em>and</em> its size and modification time are the same as in the
 * previous scan by this enumerator (on the enumerator's first scan, which has no previous one, the
 * age alone decides). A writer that pauses for less than {@code minAge} is therefore never read
 * half, however many scans pass meanwhile, and a file copied in with its old modification time
 * preserved is still held back while it grows between scans.
 * <ul>
 *   <li>Continuous mode: every periodic scan (Flink's {@code ContinuousFileSplitEnumerator} calls
 *       {@link #enumerateSplits} on the same instance) returns the settled files; Flink drops paths
 *       it already handed out. A new file is read at the first scan that comes at least
 *       {@code minAge} after its last change and finds it unchanged. A split's path carries the
 *       file's size and modification time ({@link ImageSplit#versioned}), so a file that changes
 *       after it was handed out (read half by a writer that paused longer than {@code minAge}, or
 *       replaced later) settles again and is handed out again.
 *   <li>Bounded mode: there is only one call, so it settles the files itself: files younger than
 *       {@code minAge} are scanned again after waiting {@code minAge}, until they are settled or
 *       {@code settleTimeout} has passed; files still changing then are skipped with a line.
 * </ul>
 * The rule cannot see a writer that pauses for longer than {@code minAge}; writers should write to a
 * temporary or hidden name and rename when done (those names are never read, see
 * {@link FileRules}).
 *
 * <p>The input must be a local or mounted folder ({@code file:} URIs).
 *
 * <p>Threading: Flink calls this from one coordinator thread at a time; the state (the previous
 * scan) is still guarded by the instance lock. State is not checkpointed: after a restore the first
 * scan admits the files older than {@code minAge}, as at a fresh start.
 */
public final class StableFileEnumerator implements FileEnumerator {

    private static final Logger LOG = LoggerFactory.getLogger(StableFileEnumerator.class);

    private final InputTree tree;
    private final long minAgeMillis;
    private final Duration settleTimeout;
    private final boolean bounded;
    private final Ticker ticker;
    private Map<String, Observation> previousScan = new HashMap<>();
    private boolean firstScan = true;
    private long nextSplitId;

    public StableFileEnumerator(
            InputTree tree, Duration minAge, Duration settleTimeout, boolean bounded, Ticker ticker) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.minAgeMillis = minAge.toMillis();
        this.settleTimeout = Objects.requireNonNull(settleTimeout, "settleTimeout");
        this.bounded = bounded;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public synchronized Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path root : paths) {
            java.nio.file.Path local = localFolder(root);
            InputTree.Listing listing = tree.scan(local);
            for (Skipped s : listing.skipped()) {
                splits.add(skippedSplit(s.uri(), s.relativePath(), s.reason()));
            }
            List<Observation> admitted = bounded ? settleAll(local, listing.files(), splits) : admit(listing.files());
            for (Observation o : admitted) {
                splits.add(new ImageSplit(
                        String.valueOf(nextSplitId++),
                        new Path(ImageSplit.versioned(o.uri(), o.size(), o.modificationTime())),
                        o.size(),
                        o.modificationTime(),
                        o.relativePath(),
                        null,
                        null));
            }
        }
        return splits;
    }

    private ImageSplit skippedSplit(URI uri, String relativePath, String reason) {
        return new ImageSplit(String.valueOf(nextSplitId++), new Path(uri), 0, 0, relativePath, reason, null);
    }

    private static java.nio.file.Path localFolder(Path root) throws IOException {
        if (!"file".equals(root.toUri().getScheme())) {
            throw new IOException("input " + root + " is not a local or mounted folder (file: URI); this source "
                    + "lists folders with java.nio");
        }
        return java.nio.file.Path.of(root.toUri());
    }

    /** The settled files of {@code scan}, in path order; remembers {@code scan} as the previous scan. */
    private List<Observation> admit(Map<String, Observation> scan) {
        long now = ticker.currentTimeMillis();
        List<Observation> settled = new ArrayList<>();
        for (Map.Entry<String, Observation> e : scan.entrySet()) {
            Observation o = e.getValue();
            boolean quiet = now - o.modificationTime() >= minAgeMillis;
            if (quiet && (firstScan || o.equals(previousScan.get(e.getKey())))) {
                settled.add(o);
            }
        }
        previousScan = new HashMap<>(scan);
        firstScan = false;
        return settled;
    }

    private List<Observation> settleAll(
            java.nio.file.Path root, Map<String, Observation> firstScan, List<FileSourceSplit> splits)
            throws IOException {
        List<Observation> settled = new ArrayList<>(admit(firstScan));
        Set<String> pending = unsettled(firstScan, settled);
        long deadline = ticker.currentTimeMillis() + settleTimeout.toMillis();
        while (!pending.isEmpty() && ticker.currentTimeMillis() < deadline) {
            pause(Math.min(minAgeMillis, deadline - ticker.currentTimeMillis()));
            Map<String, Observation> scan = new TreeMap<>(tree.scan(root).files());
            scan.keySet().retainAll(pending);
            List<Observation> nowSettled = admit(scan);
            settled.addAll(nowSettled);
            pending = unsettled(scan, nowSettled);
        }
        for (String stillChanging : pending) {
            String reason = "still changing after " + settleTimeout.toSeconds() + " s (size or modification time "
                    + "differ between scans); writers should write to a temporary name and rename when done";
            LOG.warn("{}: {}; skipped", stillChanging, reason);
            Observation last = firstScan.get(stillChanging);
            splits.add(skippedSplit(last.uri(), stillChanging, reason));
        }
        settled.sort(Comparator.comparing(Observation::relativePath));
        return settled;
    }

    private static Set<String> unsettled(Map<String, Observation> scan, List<Observation> settled) {
        Set<Observation> done = new HashSet<>(settled);
        Set<String> pending = new TreeSet<>();
        for (Map.Entry<String, Observation> e : scan.entrySet()) {
            if (!done.contains(e.getValue())) {
                pending.add(e.getKey());
            }
        }
        return pending;
    }

    private void pause(long millis) throws IOException {
        try {
            ticker.sleep(Duration.ofMillis(Math.max(1, millis)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input files to settle");
        }
    }
}
