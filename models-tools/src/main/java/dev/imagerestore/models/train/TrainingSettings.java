package dev.imagerestore.models.train;

import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a training run needs, validated by {@link Builder#build()}. Immutable.
 *
 * @param sources training folders with their weights and labels
 * @param architecture the UNet to train
 * @param schedule the noise schedule
 * @param crop side of the square training crops
 * @param batch crops per step
 * @param steps total optimiser steps of the run (a resumed run continues up to this count)
 * @param learningRate peak learning rate, reached after {@code warmupSteps} and decayed by a cosine
 *     to a tenth of it at {@code steps}
 * @param warmupSteps linear warm-up steps
 * @param weightDecay AdamW decoupled weight decay (applied to kernels, not to biases or norms)
 * @param emaDecay decay of the weights' exponential moving average, which is what gets saved
 * @param sampler how timesteps are drawn
 * @param conditionDropout probability of dropping the label (and conditions) of a sample, for
 *     classifier-free guidance; 0 for unconditional models
 * @param seed seed of every random draw of the run
 * @param checkpointEvery steps between checkpoints (and model directory refreshes)
 * @param workDirectory where checkpoints live; a run finding one there resumes from it
 * @param outputDirectory the model directory written at each checkpoint and at the end
 * @param name the model name recorded in the card
 * @param command the exact command line, recorded in the card
 * @param initialWeights a model directory of the same architecture whose weights start the run
 *     (a second training phase with a fresh optimiser and schedule), or {@code null} for a seeded
 *     random initialisation
 */
public record TrainingSettings(
        List<TrainingImages.Source> sources,
        UNetConfig architecture,
        NoiseSchedule schedule,
        int crop,
        int batch,
        long steps,
        double learningRate,
        long warmupSteps,
        double weightDecay,
        double emaDecay,
        TimestepSampler sampler,
        double conditionDropout,
        long seed,
        long checkpointEvery,
        Path workDirectory,
        Path outputDirectory,
        String name,
        String command,
        Path initialWeights)
        implements TrainingLoop.Plan {

    public static Builder builder() {
        return new Builder();
    }

    /** Learning rate of update number {@code step} (1-based): linear warm-up, then cosine to 10%. */
    public double learningRateAt(long step) {
        return TrainingLoop.learningRateAt(step, learningRate, warmupSteps, steps);
    }

    /** Builder: {@code set…} for required settings, {@code opt…} for optional ones. */
    public static final class Builder {
        private List<TrainingImages.Source> sources;
        private UNetConfig architecture = UNetConfig.defaultDenoiser();
        private NoiseSchedule schedule = NoiseSchedule.ddpmLinear();
        private int crop = 64;
        private int batch = 16;
        private long steps;
        private double learningRate = 5e-4;
        private long warmupSteps = 500;
        private double weightDecay = 1e-4;
        private double emaDecay = 0.999;
        private double restorationShare = 0.5;
        private double maxPixelSigma = 80;
        private double conditionDropout;
        private long seed;
        private long checkpointEvery = 500;
        private Path workDirectory;
        private Path outputDirectory;
        private String name = "denoise-small";
        private String command = "";
        private Path initialWeights;

        private Builder() {}

        public Builder setSources(List<TrainingImages.Source> value) {
            this.sources = List.copyOf(value);
            return this;
        }

        public Builder setSteps(long value) {
            this.steps = value;
            return this;
        }

        public Builder setWorkDirectory(Path value) {
            this.workDirectory = Objects.requireNonNull(value);
            return this;
        }

        public Builder setOutputDirectory(Path value) {
            this.outputDirectory = Objects.requireNonNull(value);
            return this;
        }

        public Builder optArchitecture(UNetConfig value) {
            this.architecture = Objects.requireNonNull(value);
            return this;
        }

        public Builder optSchedule(NoiseSchedule value) {
            this.schedule = Objects.requireNonNull(value);
            return this;
        }

        public Builder optCrop(int value) {
            this.crop = value;
            return this;
        }

        public Builder optBatch(int value) {
            this.batch = value;
            return this;
        }

        public Builder optLearningRate(double value) {
            this.learningRate = value;
            return this;
        }

        public Builder optWarmupSteps(long value) {
            this.warmupSteps = value;
            return this;
        }

        public Builder optWeightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        public Builder optEmaDecay(double value) {
            this.emaDecay = value;
            return this;
        }

        public Builder optRestorationShare(double value) {
            this.restorationShare = value;
            return this;
        }

        public Builder optMaxPixelSigma(double value) {
            this.maxPixelSigma = value;
            return this;
        }

        public Builder optConditionDropout(double value) {
            this.conditionDropout = value;
            return this;
        }

        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        public Builder optCheckpointEvery(long value) {
            this.checkpointEvery = value;
            return this;
        }

        public Builder optName(String value) {
            this.name = Objects.requireNonNull(value);
            return this;
        }

        public Builder optCommand(String value) {
            this.command = Objects.requireNonNull(value);
            return this;
        }

        /** Starts the run from the weights of this model directory instead of a random initialisation. */
        public Builder optInitialWeights(Path value) {
            this.initialWeights = Objects.requireNonNull(value);
            return this;
        }

        public TrainingSettings build() {
            if (sources == null || sources.isEmpty()) {
                throw new IllegalArgumentException("at least one training folder is required (--data DIR)");
            }
            if (workDirectory == null || outputDirectory == null) {
                throw new IllegalArgumentException(
                        "both a work directory (--work) and an output directory (--output) are required");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            if (crop < architecture.sizeMultiple() || crop % architecture.sizeMultiple() != 0) {
                throw new IllegalArgumentException(
                        "crop " + crop + " must be a positive multiple of " + architecture.sizeMultiple()
                                + " for a UNet with " + architecture.widths().size() + " levels");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
            if (!(learningRate > 0) || warmupSteps < 0 || weightDecay < 0) {
                throw new IllegalArgumentException("need learningRate > 0, warmupSteps >= 0 and weightDecay >= 0, got "
                        + learningRate + ", " + warmupSteps + ", " + weightDecay);
            }
            if (!(emaDecay > 0 && emaDecay < 1)) {
                throw new IllegalArgumentException("emaDecay must be in (0, 1), got " + emaDecay);
            }
            if (!(conditionDropout >= 0 && conditionDropout < 1)) {
                throw new IllegalArgumentException("conditionDropout must be in [0, 1), got " + conditionDropout);
            }
            if (checkpointEvery < 1) {
                throw new IllegalArgumentException("checkpointEvery must be >= 1, got " + checkpointEvery);
            }
            boolean labelled = sources.stream().anyMatch(s -> s.label() != null);
            if (labelled != (architecture.labelCount() > 0)) {
                throw new IllegalArgumentException(
                        "label-conditioned training needs labelled folders (--data LABEL=DIR) "
                                + "and a label vocabulary; got labelCount=" + architecture.labelCount());
            }
            TimestepSampler sampler = new TimestepSampler(schedule, restorationShare, 0.5, maxPixelSigma);
            return new TrainingSettings(
                    sources,
                    architecture,
                    schedule,
                    crop,
                    batch,
                    steps,
                    learningRate,
                    warmupSteps,
                    weightDecay,
                    emaDecay,
                    sampler,
                    conditionDropout,
                    seed,
                    checkpointEvery,
                    workDirectory,
                    outputDirectory,
                    name,
                    command,
                    initialWeights);
        }
    }
}
