package dev.imagerestore.operators.source.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A ticker whose time moves only when asked to wait; each wait runs the registered writers. */
final class ManualTicker implements Ticker {

    private long now;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Runnable> onSleep = new ArrayList<>();

    ManualTicker(long start) {
        this.now = start;
    }

    void advance(Duration d) {
        now += d.toMillis();
    }

    /** Runs {@code action} after each wait, as a writer working while the enumerator waits. */
    void whileSleeping(Runnable action) {
        onSleep.add(action);
    }

    List<Duration> sleeps() {
        return sleeps;
    }

    @Override
    public long currentTimeMillis() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toMillis();
        onSleep.forEach(Runnable::run);
    }
}
