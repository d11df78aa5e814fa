package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Trains a noise-predicting UNet with the simplified DDPM objective (Ho et al. 2020, eq. 14):
 * {@code E || eps - eps_theta(sqrt(ab_t) x_0 + sqrt(1 - ab_t) eps, t) ||^2}, on random crops,
 * with AdamW, gradients clipped to a global norm of 1, a warm-up plus cosine learning rate, and an
 * exponential moving average of the
 * weights, which is what the model directory receives.
 *
 * <p>The initial weights come from the engine's generator seeded with the run's seed (a JVM-global
 * setting of PyTorch), and every random draw of step {@code n} from a generator seeded by
 * {@code (seed, n)}, so a run resumed from a checkpoint draws exactly what an uninterrupted run
 * would have. Checkpoints
 * are written every {@link TrainingSettings#checkpointEvery()} steps and at the end; a run that
 * finds a checkpoint in its work directory continues from it.
 *
 * <p>Grayscale crops get noise that is equal across the three channels, as a grayscale scan has
 * when it is fed as three equal channels. Label-conditioned models see the label of the crop's
 * folder, replaced with the "no label" token with probability {@code conditionDropout}; the
 * conditioning planes of a crop (depth, for instance) are zeroed with that probability too, drawn
 * independently, so that classifier-free guidance can drop either.
 */
public final class DiffusionTrainer {

    private final TrainingSettings settings;
    private final CropSource data;
    private final Consumer<String> progress;

    public DiffusionTrainer(TrainingSettings settings, CropSource data, Consumer<String> progress) {
        if (settings.architecture().conditionChannels() != data.conditionNames().size()) {
            throw new IllegalArgumentException("the training data give conditioning planes " + data.conditionNames()
                    + " but the architecture has " + settings.architecture().conditionChannels()
                    + " condition channels");
        }
        this.settings = settings;
        this.data = data;
        this.progress = progress;
    }

    /** Trains up to {@link TrainingSettings#steps()}, resuming from a checkpoint if one exists. */
    public TrainingResult run() throws IOException {
        return run(settings.steps());
    }

    /**
     * Trains from the checkpoint (if any) up to step {@code untilStep} (at most the run's total),
     * then checkpoints and returns: a long run can be split across sessions without changing what it
     * computes, since the learning-rate schedule follows the total step count.
     */
    public TrainingResult run(long untilStep) throws IOException {
        return run(untilStep, () -> false);
    }

    /**
     * As {@link #run(long)}, but asks {@code stopRequested} after every step and, once it answers
     * true, checkpoints that step and returns: a resumed run then continues exactly where this one
     * stopped.
     */
    public TrainingResult run(long untilStep, BooleanSupplier stopRequested) throws IOException {
        Shape[] shapes = UNet.inputShapes(settings.architecture(), 1, settings.crop());
        return new TrainingLoop(
                        settings,
                        shapes,
                        this::backward,
                        (step, wall, loss) -> CardFactory.trainingCard(settings, data, step, wall, loss),
                        progress)
                .run(untilStep, stopRequested);
    }

    /** Forward and backward pass of update {@code step} over its batch (fixed by seed and step); the loss. */
    private double backward(NDManager manager, ParameterStore store, Block online, long step) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        try (NDScope scope = new NDScope()) {
            NDList inputs = inputsFor(manager, random);
            NDArray eps = inputs.remove(inputs.size() - 1);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray prediction = online.forward(store, inputs, true).head();
                NDArray loss = prediction.sub(eps).square().mean();
                collector.backward(loss);
                return loss.getFloat();
            }
        }
    }

    /** {@code [x_t, t, (label), eps]} for one step, on {@code manager}, inside the caller's scope. */
    private NDList inputsFor(NDManager manager, SplittableRandom random) {
        int batch = settings.batch();
        int crop = settings.crop();
        NoiseSchedule schedule = settings.schedule();
        TrainingImages.Batch crops = data.sample(random, batch);
        int plane = crop * crop;
        float[] noise = new float[batch * 3 * plane];
        float[] t = new float[batch];
        float[] signal = new float[batch];
        float[] noiseScale = new float[batch];
        for (int b = 0; b < batch; b++) {
            int offset = b * 3 * plane;
            int channels = crops.grayscale()[b] ? 1 : 3;
            for (int i = 0; i < channels * plane; i++) {
                noise[offset + i] = (float) gaussian(random);
            }
            for (int c = channels; c < 3; c++) {
                System.arraycopy(noise, offset, noise, offset + c * plane, plane);
            }
            t[b] = settings.sampler().sample(random);
            double ab = schedule.alphaBar((double) t[b]);
            signal[b] = (float) Math.sqrt(ab);
            noiseScale[b] = (float) Math.sqrt(1 - ab);
        }
        Shape shape = new Shape(batch, 3, crop, crop);
        NDArray x0 = NativeArrays.create(manager, crops.samples(), shape).mul(2).sub(1);
        NDArray eps = NativeArrays.create(manager, noise, shape);
        NDArray xt = x0.mul(NativeArrays.create(manager, signal, new Shape(batch, 1, 1, 1)))
                .add(eps.mul(NativeArrays.create(manager, noiseScale, new Shape(batch, 1, 1, 1))));
        float[] labels = settings.architecture().labelCount() > 0 ? labelsFor(crops, random) : null;
        if (crops.conditions() != null) {
            float[] conditions = dropConditions(crops.conditions(), batch, random);
            int channels = data.conditionNames().size();
            xt = xt.concat(NativeArrays.create(manager, conditions, new Shape(batch, channels, crop, crop)), 1);
        }
        NDList inputs = new NDList(xt, NativeArrays.create(manager, t));
        if (labels != null) {
            inputs.add(NativeArrays.create(manager, labels));
        }
        inputs.add(eps);
        return inputs;
    }

    private float[] labelsFor(TrainingImages.Batch crops, SplittableRandom random) {
        List<String> vocabulary = CardFactory.vocabulary(settings.sources());
        float[] labels = new float[crops.sourceIndex().length];
        for (int b = 0; b < labels.length; b++) {
            String label = settings.sources().get(crops.sourceIndex()[b]).label();
            boolean drop = label == null || random.nextDouble() < settings.conditionDropout();
            labels[b] = drop ? vocabulary.size() : vocabulary.indexOf(label);
        }
        return labels;
    }

    /** Zeroes the conditioning planes of each sample with probability {@code conditionDropout}. */
    private float[] dropConditions(float[] conditions, int batch, SplittableRandom random) {
        int perSample = conditions.length / batch;
        for (int b = 0; b < batch; b++) {
            if (random.nextDouble() < settings.conditionDropout()) {
                java.util.Arrays.fill(conditions, b * perSample, (b + 1) * perSample, 0f);
            }
        }
        return conditions;
    }

    /** A standard normal draw (Marsaglia polar method, one of the pair). */
    static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
