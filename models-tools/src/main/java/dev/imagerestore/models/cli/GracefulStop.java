package dev.imagerestore.models.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Turns Ctrl-C or {@code kill} (SIGINT, SIGTERM) during a training command into a stop at the end
 * of the current step, with a checkpoint the same command resumes from.
 *
 * <p>Without it the JVM runs its exit while the training thread is still inside a PyTorch operator;
 * libtorch's teardown then crashes that thread (SIGSEGV in oneDNN), leaving a crash log and losing
 * every step since the last checkpoint. The shutdown hook installed here sets the stop request and
 * holds the exit until the command {@linkplain #close() closes} this object, by which time the
 * trainer has written its checkpoint and released its native memory; after {@link #PATIENCE} it lets
 * the exit go on regardless, so a stop never hangs. A second signal does not shorten the wait;
 * {@code kill -9} does.
 */
final class GracefulStop implements BooleanSupplier, AutoCloseable {

    /** How long an exit waits for the checkpoint: a step and a save take seconds on a CPU. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private GracefulStop(Consumer<String> progress) {
        this.hook = new Thread(
                () -> {
                    requested.set(true);
                    progress.accept("stop requested: finishing the current step and writing a checkpoint "
                            + "(the same command resumes from it; kill -9 abandons the step)");
                    try {
                        if (!finished.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                            progress.accept("no checkpoint after " + PATIENCE.toSeconds() + " s; exiting without one");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "training-stop");
    }

    /** Installs the shutdown hook; close the result when training has returned. */
    static GracefulStop install(Consumer<String> progress) {
        GracefulStop stop = new GracefulStop(progress);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a stop was requested: the trainer's question after each step. */
    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    /** Lets a waiting exit go on, or removes the hook when training ended on its own. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the count-down above released it
        }
    }
}
