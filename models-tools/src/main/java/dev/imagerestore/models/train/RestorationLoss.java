package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * How a restorer's error on a batch becomes one loss. Each crop's mean squared error of the
 * predicted correction {@code x_0 - y} against the true one is its own; the kinds differ in how the
 * crops are weighed against each other, which decides what a model trained on a mixture of faint and
 * heavy degradations learns.
 */
public enum RestorationLoss {

    /**
     * One mean squared error over the batch. Heavy degradations and wide holes (errors of tens of
     * levels) rule it, so crops with faint noise (a few levels, as real photographs have) get almost
     * no gradient, and the model learns to smooth them with the detail around them.
     */
    MSE {
        @Override
        NDArray of(NDArray prediction, NDArray target) {
            return prediction.sub(target).square().mean();
        }
    },

    /**
     * The batch mean of {@code log(MSE_b + eps)}, eps a quarter level squared: a mean PSNR. Near an
     * untouched clean crop the log's gradient is huge, and those spikes rule Adam's second moment, so
     * the model learns to change almost nothing anywhere.
     */
    LOG {
        @Override
        NDArray of(NDArray prediction, NDArray target) {
            return perCrop(prediction.sub(target)).add(LOG_EPSILON).log().mean();
        }
    },

    /**
     * The batch mean of each crop's error relative to the degradation's own,
     * {@code MSE_b / (|x_0 - y|^2_b + floor^2)} with a floor of {@value #FLOOR_LEVELS} levels: 1 for
     * a crop left as it came, 0 for a perfect one, whatever the degradation's strength, so a faint
     * one counts as much as a heavy one; a clean crop's changes weigh as those of a crop degraded by
     * the floor, a bounded weight that does not swamp the others.
     */
    RELATIVE {
        @Override
        NDArray of(NDArray prediction, NDArray target) {
            NDArray own = perCrop(target).add(RELATIVE_FLOOR);
            return perCrop(prediction.sub(target)).div(own).mean();
        }
    },

    /**
     * The mean Charbonnier distance {@code sqrt(d^2 + eps^2)} per value, eps a tenth of a level: the
     * smooth L1 loss that SCUNet, Restormer and most real-image restorers train with. Its gradient
     * has the same size for a small error as for a large one, so faint noise is learnt alongside
     * heavy degradations, while a clean crop's small changes are not blown up as a ratio or a log
     * would blow them up.
     */
    CHARBONNIER {
        @Override
        NDArray of(NDArray prediction, NDArray target) {
            return prediction
                    .sub(target)
                    .square()
                    .add(CHARBONNIER_EPSILON)
                    .sqrt()
                    .mean();
        }
    };

    /** The floor of {@link #RELATIVE}, in 8-bit levels. */
    public static final double FLOOR_LEVELS = 2;

    static final float LOG_EPSILON = (float) Math.pow(0.5 / 255, 2);
    static final float CHARBONNIER_EPSILON = (float) Math.pow(0.2 / 255, 2);
    static final float RELATIVE_FLOOR = (float) Math.pow(2 * FLOOR_LEVELS / 255, 2);

    /** The loss of {@code prediction} against {@code target}, both {@code (B, C, H, W)} on the [-1, 1] scale. */
    abstract NDArray of(NDArray prediction, NDArray target);

    /** Each crop's mean square, shape {@code (B)}. */
    static NDArray perCrop(NDArray values) {
        return values.reshape(values.getShape().get(0), -1).square().mean(new int[] {1});
    }

    /** {@code mse}, {@code log}, {@code relative} or {@code charbonnier}. */
    public static RestorationLoss parse(String name) {
        for (RestorationLoss loss : values()) {
            if (loss.name().toLowerCase(Locale.ROOT).equals(name)) {
                return loss;
            }
        }
        throw new IllegalArgumentException(
                "unknown restoration loss '" + name + "'; use mse, log, relative or charbonnier");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
