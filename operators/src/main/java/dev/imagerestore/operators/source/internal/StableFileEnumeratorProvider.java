package dev.imagerestore.operators.source.internal;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;

/** Creates {@link StableFileEnumerator}s on the JobManager; serializable configuration only. */
public final class StableFileEnumeratorProvider implements FileEnumerator.Provider {

    private static final long serialVersionUID = 1L;

    private final InputTree tree;
    private final Duration minAge;
    private final Duration settleTimeout;
    private final boolean bounded;

    public StableFileEnumeratorProvider(InputTree tree, Duration minAge, Duration settleTimeout, boolean bounded) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.minAge = Objects.requireNonNull(minAge, "minAge");
        this.settleTimeout = Objects.requireNonNull(settleTimeout, "settleTimeout");
        this.bounded = bounded;
    }

    @Override
    public FileEnumerator create() {
        return new StableFileEnumerator(tree, minAge, settleTimeout, bounded, Ticker.SYSTEM);
    }
}
