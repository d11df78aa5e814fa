package dev.imagerestore.models.train;

import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a depth-estimator training run needs. Immutable; validated on construction.
 *
 * @param nyuRoot the NYUv2 folder (training split i < 1300 is used)
 * @param architecture the UNet regressor (see {@link dev.imagerestore.models.depth.DepthNetwork})
 * @param height network input height (images are resized to it)
 * @param width network input width
 * @param batch images per step
 * @param steps total optimiser steps (a resumed run continues up to this count)
 * @param learningRate peak learning rate (linear warm-up, cosine decay to a tenth at {@code steps})
 * @param warmupSteps linear warm-up steps
 * @param weightDecay AdamW decoupled weight decay on kernels
 * @param emaDecay decay of the saved weight average
 * @param scaleInvariance lambda of the scale-invariant log loss of Eigen et al. 2014 (0 = plain
 *     log-MSE, 1 = fully scale invariant)
 * @param maxZoom the largest zoom of the scale augmentation, in [1, 2] (1 = none; see
 *     {@link DepthTrainingData#sample(java.util.SplittableRandom, int, double)})
 * @param maxRotation the largest roll of the rotation augmentation in degrees, in [0, 15] (0 =
 *     none; see {@link DepthTrainingData#sample(java.util.SplittableRandom, int, double, double)})
 * @param seed seed of every random draw
 * @param checkpointEvery steps between checkpoints and model directory refreshes
 * @param workDirectory checkpoint folder; a run finding a checkpoint there resumes
 * @param outputDirectory the model directory written
 * @param name the model name in the card
 * @param command the exact command line, recorded in the card
 * @param initialWeights a depth model directory of the same architecture whose weights start the
 *     run (a second phase with a fresh optimiser and schedule), or {@code null} for random weights
 */
public record DepthTrainingSettings(
        Path nyuRoot,
        UNetConfig architecture,
        int height,
        int width,
        int batch,
        long steps,
        double learningRate,
        long warmupSteps,
        double weightDecay,
        double emaDecay,
        double scaleInvariance,
        double maxZoom,
        double maxRotation,
        long seed,
        long checkpointEvery,
        Path workDirectory,
        Path outputDirectory,
        String name,
        String command,
        Path initialWeights)
        implements TrainingLoop.Plan {

    public DepthTrainingSettings {
        Objects.requireNonNull(nyuRoot, "nyuRoot");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        if (architecture.imageChannels() != 1
                || architecture.conditionChannels() != 3
                || architecture.labelCount() != 0) {
            throw new IllegalArgumentException(
                    "a depth estimator UNet has 1 output and 3 condition channels and no labels, got " + architecture);
        }
        int multiple = architecture.sizeMultiple();
        if (height < multiple || width < multiple || height % multiple != 0 || width % multiple != 0) {
            throw new IllegalArgumentException("input " + width + "x" + height + " must be positive multiples of "
                    + multiple + " for " + architecture.widths().size() + " levels; change --size");
        }
        if (batch < 1 || steps < 1 || checkpointEvery < 1 || warmupSteps < 0) {
            throw new IllegalArgumentException("need batch, steps, checkpointEvery >= 1 and warmup >= 0, got " + batch
                    + ", " + steps + ", " + checkpointEvery + ", " + warmupSteps);
        }
        if (!(learningRate > 0) || weightDecay < 0 || !(emaDecay > 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("need lr > 0, weight decay >= 0 and EMA decay in (0, 1), got "
                    + learningRate + ", " + weightDecay + ", " + emaDecay);
        }
        if (!(maxZoom >= 1 && maxZoom <= 2)) {
            throw new IllegalArgumentException(
                    "the largest zoom must be in [1, 2], got " + maxZoom + "; change --zoom");
        }
        if (!(maxRotation >= 0 && maxRotation <= 15)) {
            throw new IllegalArgumentException(
                    "the largest rotation must be in [0, 15] degrees, got " + maxRotation + "; change --rotate");
        }
        if (!(scaleInvariance >= 0 && scaleInvariance <= 1)) {
            throw new IllegalArgumentException("scaleInvariance must be in [0, 1], got " + scaleInvariance);
        }
    }

    /** Learning rate of update {@code step} (1-based): linear warm-up, then cosine to 10%. */
    public double learningRateAt(long step) {
        return TrainingLoop.learningRateAt(step, learningRate, warmupSteps, steps);
    }
}
