package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.depth.DepthNetwork;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Trains the monocular depth regressor of {@link DepthNetwork} on NYUv2 with the scale-invariant
 * log loss of Eigen, Puhrsch and Fergus ("Depth Map Prediction from a Single Image using a
 * Multi-Scale Deep Network", NeurIPS 2014, eq. 4): with {@code d = log y - log y*} per pixel,
 * {@code L = mean(d^2) - lambda * mean(d)^2}, the mean taken per image.
 *
 * <p>The optimisation is the one {@link DiffusionTrainer} runs: AdamW with gradients
 * clipped to norm 1, warm-up plus cosine learning rate, an exponential moving average of the weights
 * (what the model directory receives), random draws of step {@code n} seeded by {@code (seed, n)} so
 * that a resumed run draws what an uninterrupted one would, and checkpoints that a later run resumes
 * from.
 */
public final class DepthTrainer {

    private final DepthTrainingSettings settings;
    private final DepthTrainingData data;
    private final Consumer<String> progress;

    public DepthTrainer(DepthTrainingSettings settings, DepthTrainingData data, Consumer<String> progress) {
        if (data.height() != settings.height() || data.width() != settings.width()) {
            throw new IllegalArgumentException("data were loaded at " + data.width() + "x" + data.height()
                    + " but the settings train at " + settings.width() + "x" + settings.height());
        }
        this.settings = settings;
        this.data = data;
        this.progress = progress;
    }

    /** Trains from the checkpoint (if any) up to {@code untilStep} (at most the total), then checkpoints. */
    public TrainingResult run(long untilStep) throws IOException {
        return run(untilStep, () -> false);
    }

    /**
     * As {@link #run(long)}, but asks {@code stopRequested} after every step and, once it answers
     * true, checkpoints that step and returns: a resumed run then continues exactly where this one
     * stopped.
     */
    public TrainingResult run(long untilStep, BooleanSupplier stopRequested) throws IOException {
        Shape[] shapes = UNet.inputShapes(
                settings.architecture(), 1, settings.architecture().sizeMultiple());
        return new TrainingLoop(settings, shapes, this::backward, this::card, progress).run(untilStep, stopRequested);
    }

    /** Forward and backward pass of update {@code step} over its batch (fixed by seed and step); the loss. */
    private double backward(NDManager manager, ParameterStore store, Block online, long step) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        try (NDScope scope = new NDScope()) {
            DepthTrainingData.Batch batch =
                    data.sample(random, settings.batch(), settings.maxZoom(), settings.maxRotation());
            int b = settings.batch();
            NDList inputs = DepthNetwork.inputs(manager, batch.rgb(), b, settings.height(), settings.width());
            NDArray target = NativeArrays.create(
                    manager, batch.logDepth(), new Shape(b, 1, settings.height(), settings.width()));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray prediction = online.forward(store, inputs, true).head();
                NDArray value =
                        scaleInvariantLoss(prediction.add(DepthNetwork.LOG_OFFSET), target, settings.scaleInvariance());
                collector.backward(value);
                return value.getFloat();
            }
        }
    }

    /** Eigen et al.'s scale-invariant loss on log depths, per-image means, averaged over the batch. */
    static NDArray scaleInvariantLoss(NDArray predictedLog, NDArray targetLog, double lambda) {
        NDArray d = predictedLog.sub(targetLog);
        NDArray perImageMean = d.reshape(d.getShape().get(0), -1).mean(new int[] {1});
        return d.square().mean().sub(perImageMean.square().mean().mul((float) lambda));
    }

    /** The zoom and rotation of the card's description, or nothing. */
    private String augmentation() {
        String zoom =
                settings.maxZoom() > 1 ? String.format(Locale.ROOT, ", zooms up to %.2f", settings.maxZoom()) : "";
        String rotation = settings.maxRotation() > 0
                ? String.format(Locale.ROOT, ", rotations up to %.1f degrees", settings.maxRotation())
                : "";
        return zoom + rotation;
    }

    private ModelCard card(long step, double wall, double loss) throws IOException {
        ModelCard.DataSource source = new ModelCard.DataSource(
                "NYUv2 (i < 1300)", settings.nyuRoot().toString(), CardFactory.termsOf(settings.nyuRoot()));
        ModelCard.Training training = new ModelCard.Training(
                List.of(source),
                step,
                settings.batch(),
                settings.height(),
                settings.learningRate(),
                settings.seed(),
                Math.round(wall),
                CardFactory.hardware(),
                settings.command(),
                loss,
                InitialWeights.recordedParent(settings.workDirectory()));
        String description = String.format(
                Locale.ROOT,
                "Monocular depth regressor: the project's UNet with RGB as its 3 condition channels, zeros as its "
                        + "image channel and timestep 0, predicting log metres minus %.1f. Trained with this project's "
                        + "Java trainer on %d NYUv2 images (border cropped, resized to %dx%d, flips and colour gains%s) "
                        + "with Eigen et al.'s scale-invariant log loss, lambda %.2f. Input images are resized so "
                        + "that their shorter side is training.crop = %d pixels.",
                DepthNetwork.LOG_OFFSET,
                data.size(),
                settings.width(),
                settings.height(),
                augmentation(),
                settings.scaleInvariance(),
                settings.height());
        return new ModelCard(
                ModelCard.FORMAT,
                settings.name(),
                description,
                settings.architecture(),
                DepthNetwork.CONDITIONS,
                List.of(),
                "single-channel images are fed as three equal channels",
                ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                DepthNetwork.PREDICTION,
                testTimeViews(),
                training,
                null,
                Map.of());
    }

    /**
     * The windows the estimator also looks at when it runs, if it was trained with zooms: at the
     * middle of the zoom range, so that each window's scale lies well inside what training showed.
     */
    private ModelCard.TestTimeViews testTimeViews() {
        return settings.maxZoom() > 1 ? new ModelCard.TestTimeViews((1 + settings.maxZoom()) / 2) : null;
    }
}
