package dev.imagerestore.operators.commit;

import org.apache.flink.api.connector.sink2.Committer;

/** A commit request that records what the committer signalled, as Flink's runtime would act on it. */
final class RecordingCommitRequest<T> implements Committer.CommitRequest<T> {

    enum Signal {
        NONE,
        ALREADY_COMMITTED,
        KNOWN_FAILURE,
        UNKNOWN_FAILURE,
        RETRY
    }

    private final T committable;
    private final int retries;
    Signal signal = Signal.NONE;
    Throwable failure;

    RecordingCommitRequest(T committable, int retries) {
        this.committable = committable;
        this.retries = retries;
    }

    @Override
    public T getCommittable() {
        return committable;
    }

    @Override
    public int getNumberOfRetries() {
        return retries;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
        signal = Signal.KNOWN_FAILURE;
        failure = t;
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
        signal = Signal.UNKNOWN_FAILURE;
        failure = t;
    }

    @Override
    public void retryLater() {
        signal = Signal.RETRY;
    }

    @Override
    public void updateAndRetryLater(T updated) {
        signal = Signal.RETRY;
    }

    @Override
    public void signalAlreadyCommitted() {
        signal = Signal.ALREADY_COMMITTED;
    }
}
