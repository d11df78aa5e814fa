package dev.imagerestore.models.train;

import java.util.Locale;

/**
 * The progress line of a training run: the mean loss and speed of the steps since the last line,
 * printed every {@value #EVERY} steps and at the last step, with the learning rate and the time
 * left. Not thread-safe.
 */
final class ProgressWindow {

    static final int EVERY = 25;

    private final long totalSteps;
    private long windowStart = System.nanoTime();
    private double windowLoss;
    private int windowSteps;
    private double recentLoss = Double.NaN;

    ProgressWindow(long totalSteps) {
        this.totalSteps = totalSteps;
    }

    void add(double loss) {
        windowLoss += loss;
        windowSteps++;
    }

    /** The line for {@code step} if one is due (then a new window starts), else null. */
    String lineAt(long step, long last, double learningRate) {
        if (step % EVERY != 0 && step != last) {
            return null;
        }
        long now = System.nanoTime();
        double rate = windowSteps / ((now - windowStart) / 1e9);
        recentLoss = windowLoss / windowSteps;
        long eta = (long) ((totalSteps - step) / rate);
        windowStart = now;
        windowLoss = 0;
        windowSteps = 0;
        return String.format(
                Locale.ROOT,
                "step %d/%d loss %.5f %.2f steps/s lr %.2e ETA %dh%02dm",
                step,
                totalSteps,
                recentLoss,
                rate,
                learningRate,
                eta / 3600,
                (eta % 3600) / 60);
    }

    /**
     * The mean loss of the last completed window; before the first line, the mean of the steps so
     * far (a checkpoint may come first, with {@code --checkpoint-every} below {@value #EVERY}); NaN
     * before any step.
     */
    double recentLoss() {
        return Double.isNaN(recentLoss) && windowSteps > 0 ? windowLoss / windowSteps : recentLoss;
    }
}
