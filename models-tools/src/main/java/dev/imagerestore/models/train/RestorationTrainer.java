package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.Damaged;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.degrade.Degraded;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.HoleFill;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.restore.RestorationNetwork;
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
 * Trains a blind restoration diffusion model ({@link RestorationNetwork}): clean crops are degraded
 * by a {@link Degradations} pipeline, and the UNet, given the diffusion state {@code x_t} of the clean
 * crop and the degraded crop, learns the clean crop with the squared error of its {@code x_0}
 * prediction (the DDPM objective re-weighted to {@code x_0}, as SR3 and Palette train), each crop's
 * error weighed as a {@link RestorationLoss} says (by default relative to the degradation's own, so
 * faint degradations weigh as much as heavy ones).
 *
 * <p>Most crops are at {@code T - 1}, the one-step restoration the job runs by default, with an
 * empty state ({@code x_t = 0}, see {@link RestorationNetwork}); a refinement share (half unless the
 * builder says otherwise) are at a timestep uniform over {@code [0, T - 2]} with the usual noisy
 * state, for DDIM refinement. Crop {@code b} of step {@code n} is degraded as image
 * {@code n * batch + b} of the pipeline's seed, so a resumed run degrades exactly what an
 * uninterrupted one would. Grayscale crops are degraded as one channel and get channel-equal
 * diffusion noise. The optimisation is {@link TrainingLoop}'s.
 *
 * <p>With a {@link DamageGenerator} and a damage share, that share of the crops first gets damage
 * (cracks, scratches, dust, tears...) and its exact mask in the mask channel, then the degradation:
 * the same network learns to fill flagged damage from its surroundings while it restores the rest,
 * the mask-conditioned repair a detector's mask is handed to. Other crops get an empty mask. The
 * generator should leave stains out: they change tone without masking content, and a restorer
 * taught to undo them unflagged would learn to shift the tone of clean images.
 */
public final class RestorationTrainer {

    /** The share of crops at refinement timesteps unless the builder says otherwise. */
    public static final double DEFAULT_REFINEMENT_SHARE = 0.5;

    private final TrainingSettings settings;
    private final CropSource data;
    private final Degradations degradations;
    private final DamageGenerator damage;
    private final double damageShare;
    private final HoleMasks holes;
    private final double holeShare;
    private final RestorationLoss loss;
    private final double refinementShare;
    private final Consumer<String> progress;

    private RestorationTrainer(Builder b) {
        this.settings = b.settings;
        this.data = b.data;
        this.degradations = b.degradations;
        this.damage = b.damage;
        this.damageShare = b.damageShare;
        this.holes = b.holes;
        this.holeShare = b.holeShare;
        this.loss = b.loss;
        this.refinementShare = b.refinementShare;
        this.progress = b.progress;
    }

    /** A builder for a trainer of {@code settings} on {@code data} degraded by {@code degradations}. */
    public static Builder builder(TrainingSettings settings, CropSource data, Degradations degradations) {
        return new Builder(settings, data, degradations);
    }

    /** Builds a {@link RestorationTrainer}; {@link #build()} checks the combination. */
    public static final class Builder {
        private final TrainingSettings settings;
        private final CropSource data;
        private final Degradations degradations;
        private DamageGenerator damage;
        private double damageShare;
        private HoleMasks holes;
        private double holeShare;
        private RestorationLoss loss = RestorationLoss.RELATIVE;
        private double refinementShare = DEFAULT_REFINEMENT_SHARE;
        private Consumer<String> progress = s -> {};

        private Builder(TrainingSettings settings, CropSource data, Degradations degradations) {
            this.settings = java.util.Objects.requireNonNull(settings, "settings");
            this.data = java.util.Objects.requireNonNull(data, "data");
            this.degradations = java.util.Objects.requireNonNull(degradations, "degradations");
        }

        /**
         * Teaches repair of masked damage on {@code share} of the crops.
         *
         * @param generator the damage drawn on those crops (without stains), or null with a share of 0
         * @param share the share of crops damaged, in [0, 1]
         */
        public Builder optDamage(DamageGenerator generator, double share) {
            this.damage = generator;
            this.damageShare = share;
            return this;
        }

        /**
         * Teaches filling of given holes on {@code share} of the crops that got no damage: the hole's
         * pixels are replaced by the harmonic fill of their surroundings ({@code HoleFill}), as
         * {@code BlindRestorer.maskFill()} feeds them, and its mask goes in the mask channel.
         *
         * @param masks the holes drawn, or null with a share of 0
         * @param share the share of the undamaged crops that get a hole, in [0, 1]
         */
        public Builder optHoles(HoleMasks masks, double share) {
            this.holes = masks;
            this.holeShare = share;
            return this;
        }

        /** How the crops' errors are weighed against each other (default {@link RestorationLoss#RELATIVE}). */
        public Builder optLoss(RestorationLoss loss) {
            this.loss = java.util.Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * The share of crops trained at a uniformly drawn timestep for DDIM refinement, in [0, 1]
         * (default {@value #DEFAULT_REFINEMENT_SHARE}); the others are at {@code T - 1}, the one-step
         * restoration the job runs by default.
         */
        public Builder optRefinementShare(double share) {
            this.refinementShare = share;
            return this;
        }

        /** Where progress lines go (default nowhere). */
        public Builder optProgress(Consumer<String> progress) {
            this.progress = java.util.Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** @throws IllegalArgumentException naming the value out of range and what it needs */
        public RestorationTrainer build() {
            if (!(damageShare >= 0 && damageShare <= 1)) {
                throw new IllegalArgumentException("damage share must be in [0, 1], got " + damageShare);
            }
            if (!(holeShare >= 0 && holeShare <= 1)) {
                throw new IllegalArgumentException("hole share must be in [0, 1], got " + holeShare);
            }
            if (holeShare > 0 && holes == null) {
                throw new IllegalArgumentException("a hole share of " + holeShare + " needs HoleMasks");
            }
            if (damageShare > 0 && damage == null) {
                throw new IllegalArgumentException("a damage share of " + damageShare + " needs a DamageGenerator");
            }
            if (!(refinementShare >= 0 && refinementShare <= 1)) {
                throw new IllegalArgumentException("refinement share must be in [0, 1], got " + refinementShare);
            }
            if (!settings.architecture()
                    .equals(RestorationNetwork.architecture(
                            settings.architecture().widths(),
                            settings.architecture().resBlocksPerLevel(),
                            settings.architecture().attentionAtLowest(),
                            settings.architecture().groups()))) {
                throw new IllegalArgumentException("a restorer has 3 image and " + RestorationNetwork.CONDITIONS.size()
                        + " condition channels and no labels, got " + settings.architecture());
            }
            if (!data.conditionNames().isEmpty()) {
                throw new IllegalArgumentException(
                        "a restorer trains on plain image folders, got conditioning planes " + data.conditionNames());
            }
            return new RestorationTrainer(this);
        }
    }

    /**
     * Trains from the checkpoint (if any) up to {@code untilStep}, asking {@code stopRequested} after
     * every step; on a request it checkpoints that step and returns.
     */
    public TrainingResult run(long untilStep, BooleanSupplier stopRequested) throws IOException {
        Shape[] shapes = UNet.inputShapes(settings.architecture(), 1, settings.crop());
        return new TrainingLoop(settings, shapes, this::backward, this::card, progress).run(untilStep, stopRequested);
    }

    private double backward(NDManager manager, ParameterStore store, Block online, long step) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        int batch = settings.batch();
        int crop = settings.crop();
        int plane = crop * crop;
        TrainingImages.Batch crops = data.sample(random, batch);
        float[] clean = crops.samples();
        float[] degraded = new float[clean.length];
        float[] mask = new float[batch * plane];
        for (int b = 0; b < batch; b++) {
            boolean damaged = damageShare > 0 && random.nextDouble() < damageShare;
            boolean holed = !damaged && holeShare > 0 && random.nextDouble() < holeShare;
            degrade(clean, degraded, mask, b, crops.grayscale()[b], damaged, holed, step * batch + b);
        }
        float[] noise = new float[clean.length];
        float[] t = new float[batch];
        float[] signal = new float[batch];
        float[] noiseScale = new float[batch];
        NoiseSchedule schedule = settings.schedule();
        for (int b = 0; b < batch; b++) {
            int channels = crops.grayscale()[b] ? 1 : 3;
            for (int i = 0; i < channels * plane; i++) {
                noise[b * 3 * plane + i] = (float) DiffusionTrainer.gaussian(random);
            }
            for (int c = channels; c < 3; c++) {
                System.arraycopy(noise, b * 3 * plane, noise, b * 3 * plane + c * plane, plane);
            }
            boolean oneStep = random.nextDouble() >= refinementShare;
            t[b] = oneStep ? schedule.steps() - 1 : random.nextInt(schedule.steps() - 1);
            double ab = schedule.alphaBar((double) t[b]);
            signal[b] = oneStep ? 0 : (float) Math.sqrt(ab);
            noiseScale[b] = oneStep ? 0 : (float) Math.sqrt(1 - ab);
        }
        try (NDScope scope = new NDScope()) {
            Shape shape = new Shape(batch, 3, crop, crop);
            NDArray x0 = NativeArrays.create(manager, clean, shape).mul(2).sub(1);
            NDArray xt = x0.mul(NativeArrays.create(manager, signal, new Shape(batch, 1, 1, 1)))
                    .add(NativeArrays.create(manager, noise, shape)
                            .mul(NativeArrays.create(manager, noiseScale, new Shape(batch, 1, 1, 1))));
            NDList inputs = RestorationNetwork.inputs(manager, xt, degraded, mask, t, batch, crop, crop);
            NDArray residual = x0.sub(inputs.head().get(":, 3:6, :, :"));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray prediction = online.forward(store, inputs, true).head();
                NDArray value = loss.of(prediction, residual);
                collector.backward(value);
                return value.getFloat();
            }
        }
    }

    /**
     * Damages (when asked) and degrades crop {@code b} of {@code clean} into {@code out} as image
     * {@code id}, the damage mask into plane {@code b} of {@code mask}.
     */
    private void degrade(
            float[] clean,
            float[] out,
            float[] mask,
            int b,
            boolean grayscale,
            boolean damaged,
            boolean holed,
            long id) {
        int crop = settings.crop();
        int plane = crop * crop;
        int offset = b * 3 * plane;
        int channels = grayscale ? 1 : 3;
        float[] samples = new float[channels * plane];
        System.arraycopy(clean, offset, samples, 0, channels * plane);
        FloatImage image = FloatImage.wrap(channels, crop, crop, 8, samples);
        if (damaged) {
            Damaged rendered = damage.render(image, id);
            image = rendered.image();
            System.arraycopy(rendered.mask().toImage().toArray(), 0, mask, b * plane, plane);
        } else if (holed) {
            Mask hole = holes.draw(crop, id);
            image = HoleFill.fill(image, hole);
            System.arraycopy(hole.toImage().toArray(), 0, mask, b * plane, plane);
        }
        Degraded d = degradations.apply(image, id);
        float[] values = d.image().toArray();
        for (int c = 0; c < 3; c++) {
            System.arraycopy(values, (grayscale ? 0 : c) * plane, out, offset + c * plane, plane);
        }
    }

    private ModelCard card(long step, double wall, double loss) throws IOException {
        ModelCard.Training training = CardFactory.training(settings, step, wall, loss)
                .withDamageShare(damageShare)
                .withHoleShare(holeShare);
        String description = String.format(
                Locale.ROOT,
                "Blind restoration diffusion model: the project's UNet given the diffusion state x_t, the degraded "
                        + "image and a damage mask, predicting x_0 minus the degraded image. Trained with this "
                        + "project's Java trainer on %d images degraded on the fly by the '%s' pipeline "
                        + "(dev.imagerestore.models.degrade.Degradations, seed %d); %.0f%% of the timesteps uniform for "
                        + "refinement, the rest at T-1, where the prediction is the one-step restoration; loss '%s' "
                        + "(dev.imagerestore.models.train.RestorationLoss).%s",
                data.imageCount(),
                degradations.name(),
                degradations.seed(),
                100 * refinementShare,
                this.loss,
                (damageShare == 0
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " %.0f%% of the crops first got damage rendered by %s, its "
                                                + "mask in the mask channel.",
                                        100 * damageShare,
                                        damage))
                        + (holeShare == 0
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " %.0f%% of the other crops got a hole drawn by %s, its pixels replaced by "
                                                + "the harmonic fill of their surroundings (HoleFill), its mask in the "
                                                + "mask channel.",
                                        100 * holeShare,
                                        holes)));
        return new ModelCard(
                ModelCard.FORMAT,
                settings.name(),
                description,
                settings.architecture(),
                RestorationNetwork.CONDITIONS,
                List.of(),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(settings.schedule()),
                RestorationNetwork.PREDICTION,
                null,
                training,
                null,
                Map.of());
    }
}
