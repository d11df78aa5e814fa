package dev.imagerestore.models.train;

import java.util.function.Consumer;

/**
 * One update's forward and backward pass over a batch fixed by the update's number, so that calling
 * it again recomputes the same gradients. Returns the loss.
 *
 * <p>{@link #withFiniteGradient} recomputes a pass whose loss is finite but whose gradient is not.
 * PyTorch 2.7.1's CPU backward (oneDNN 3.7.1) on this project's machines has now and then returned
 * NaN gradients for a finite loss, not reproducibly: the same update, rerun from its checkpoint,
 * fails at a different update or not at all. A recomputation of the same batch gives the gradient
 * the update should have had, so the run stays the run its seed describes; only a gradient that is
 * non-finite on every try reaches {@link AdamW#step}, which refuses it.
 */
@FunctionalInterface
interface BackwardPass {

    /** Recomputations of one update before its gradient is handed on as it is. */
    int MAX_RECOMPUTATIONS = 2;

    double run();

    /**
     * Runs {@code pass}, and again (at most {@link #MAX_RECOMPUTATIONS} times, from zeroed
     * gradients) while its loss is finite and the gradient {@code optimizer} sees is not.
     *
     * @return the loss of the last pass run
     */
    static double withFiniteGradient(BackwardPass pass, AdamW optimizer, long step, Consumer<String> progress) {
        double loss = pass.run();
        for (int retry = 1;
                retry <= MAX_RECOMPUTATIONS && Double.isFinite(loss) && !Double.isFinite(optimizer.gradientNorm());
                retry++) {
            optimizer.zeroGradients();
            progress.accept("update " + step + ": non-finite gradient from a finite loss (" + loss
                    + "); recomputing the same batch (" + retry + " of " + MAX_RECOMPUTATIONS + ")");
            loss = pass.run();
        }
        return loss;
    }
}
