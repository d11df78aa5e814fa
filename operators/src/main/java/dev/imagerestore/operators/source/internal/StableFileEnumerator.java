package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.source.internal.FileTree.Observation;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the input tree and admits only files that are no longer being written: one split per file.
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
 *       {@code minAge} after its last change and finds it unchanged.
 *   <li>Bounded mode: there is only one call, so it settles the files itself: files younger than
 *       {@code minAge} are scanned again after waiting {@code minAge}, until they are settled or
 *       {@code settleTimeout} has passed; files still changing then are skipped with a warning.
 * </ul>
 * The rule cannot see a writer that pauses for longer than {@code minAge}; writers should write to a
 * temporary or hidden name and rename when done (those names are never read, see
 * {@link FileRules}).
 *
 * <p>Threading: Flink calls this from one coordinator thread at a time; the state (the previous
 * scan) is still guarded by the instance lock. State is not checkpointed: after a restore the first
 * scan admits the files older than {@code minAge}, as at a fresh start.
 */
public final class StableFileEnumerator implements FileEnumerator {

    private static final Logger LOG = LoggerFactory.getLogger(StableFileEnumerator.class);

    private final FileRules rules;
    private final long minAgeMillis;
    private final Duration settleTimeout;
    private final boolean bounded;
    private final Ticker ticker;
    private Map<String, Observation> previousScan = new HashMap<>();
    private boolean firstScan = true;
    private long nextSplitId;

    public StableFileEnumerator(FileRules rules, Duration minAge, Duration settleTimeout, boolean bounded,
            Ticker ticker) {
        this.rules = Objects.requireNonNull(rules, "rules");
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
            Map<String, Observation> scan = FileTree.scan(root, rules);
            for (Observation o : bounded ? settleAll(root, scan) : admit(scan)) {
                splits.add(new FileSourceSplit(String.valueOf(nextSplitId++), o.path(), 0, o.size(),
                        o.modificationTime(), o.size()));
            }
        }
        return splits;
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

    private List<Observation> settleAll(Path root, Map<String, Observation> firstScan) throws IOException {
        List<Observation> settled = new ArrayList<>(admit(firstScan));
        Set<String> pending = unsettled(firstScan, settled);
        long deadline = ticker.currentTimeMillis() + settleTimeout.toMillis();
        while (!pending.isEmpty() && ticker.currentTimeMillis() < deadline) {
            pause(Math.min(minAgeMillis, deadline - ticker.currentTimeMillis()));
            Map<String, Observation> scan = FileTree.scan(root, rules);
            scan.keySet().retainAll(pending);
            List<Observation> nowSettled = admit(scan);
            settled.addAll(nowSettled);
            pending = unsettled(scan, nowSettled);
        }
        for (String stillChanging : pending) {
            LOG.warn("{}: still changing after {} s (size or modification time differ between scans); skipped. "
                    + "Writers should write to a temporary name and rename when done.", stillChanging,
                    settleTimeout.toSeconds());
        }
        settled.sort(Comparator.comparing(o -> o.path().toUri().getPath()));
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
