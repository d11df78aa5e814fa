package dev.imagerestore.operators.source.internal;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;

/** Creates {@link StableFileEnumerator}s on the JobManager; serializable configuration only. */
public final class StableFileEnumeratorProvider implements FileEnumerator.Provider {

    private static final long serialVersionUID = 1L;

    private final FileRules rules;
    private final Duration minAge;
    private final Duration settleTimeout;
    private final boolean bounded;

    public StableFileEnumeratorProvider(FileRules rules, Duration minAge, Duration settleTimeout, boolean bounded) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.minAge = Objects.requireNonNull(minAge, "minAge");
        this.settleTimeout = Objects.requireNonNull(settleTimeout, "settleTimeout");
        this.bounded = bounded;
    }

    @Override
    public FileEnumerator create() {
        return new StableFileEnumerator(rules, minAge, settleTimeout, bounded, Ticker.SYSTEM);
    }
}
