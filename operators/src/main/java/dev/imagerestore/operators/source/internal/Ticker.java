package dev.imagerestore.operators.source.internal;

import java.time.Duration;

/**
 * The enumerator's clock and its way to wait, so that tests drive time by hand instead of sleeping.
 */
public interface Ticker {

    /** Wall-clock time and {@link Thread#sleep}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    /** Milliseconds since the epoch, comparable with file modification times. */
    long currentTimeMillis();

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
