package dev.imagerestore.models.io;

import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNetConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description that travels with a model's weights as {@code model-card.json}: what the network
 * is, what it expects, how it was trained and how well it does. Immutable.
 *
 * @param format the card format, {@link #FORMAT}
 * @param name short model name, e.g. {@code denoise-small}
 * @param description one paragraph for humans
 * @param architecture the UNet hyper-parameters
 * @param conditions names of the conditioning channels in input order (e.g. {@code mask},
 *     {@code depth}); empty for an unconditional model
 * @param labels target-label vocabulary of a label-conditioned model; empty otherwise
 * @param grayscale how single-channel images are fed to the three-channel network
 * @param schedule the noise schedule the model was trained with
 * @param prediction what the network predicts: {@code eps}, or {@code log-depth} for a depth estimator
 * @param testTimeViews for a depth estimator trained with the scale augmentation, the windows it
 *     also estimates from at run time; {@code null} for the whole frame only (and for every other model)
 * @param training how the weights were made
 * @param weights the weights file, its size and SHA-256
 * @param evaluation figures measured by the project's eval commands, keyed by benchmark
 * @param detection for a damage detector, how its probabilities become a mask; {@code null} for
 *     every other model
 */
public record ModelCard(
        String format,
        String name,
        String description,
        UNetConfig architecture,
        List<String> conditions,
        List<String> labels,
        String grayscale,
        Schedule schedule,
        String prediction,
        TestTimeViews testTimeViews,
        Training training,
        Weights weights,
        Map<String, Object> evaluation,
        Detection detection) {

    public static final String FORMAT = "image-restoration-unet/1";
    public static final String GRAYSCALE_AS_THREE_CHANNELS =
            "single-channel images are fed as three equal channels and the output channels are averaged";

    public ModelCard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(schedule, "schedule");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        labels = labels == null ? List.of() : List.copyOf(labels);
        evaluation = evaluation == null ? Map.of() : Map.copyOf(evaluation);
        if (conditions.size() != architecture.conditionChannels()) {
            throw new IllegalArgumentException("card names " + conditions.size() + " conditions " + conditions
                    + " but the architecture has " + architecture.conditionChannels() + " condition channels");
        }
        if (!labels.isEmpty() && labels.size() != architecture.labelCount()) {
            throw new IllegalArgumentException(
                    "card names " + labels.size() + " labels but the architecture has " + architecture.labelCount());
        }
    }

    /** A card without detection settings: every model but a damage detector. */
    public ModelCard(
            String format,
            String name,
            String description,
            UNetConfig architecture,
            List<String> conditions,
            List<String> labels,
            String grayscale,
            Schedule schedule,
            String prediction,
            TestTimeViews testTimeViews,
            Training training,
            Weights weights,
            Map<String, Object> evaluation) {
        this(
                format,
                name,
                description,
                architecture,
                conditions,
                labels,
                grayscale,
                schedule,
                prediction,
                testTimeViews,
                training,
                weights,
                evaluation,
                null);
    }

    /** A card without test-time views: every model but a depth estimator trained with zooms. */
    public ModelCard(
            String format,
            String name,
            String description,
            UNetConfig architecture,
            List<String> conditions,
            List<String> labels,
            String grayscale,
            Schedule schedule,
            String prediction,
            Training training,
            Weights weights,
            Map<String, Object> evaluation) {
        this(
                format,
                name,
                description,
                architecture,
                conditions,
                labels,
                grayscale,
                schedule,
                prediction,
                null,
                training,
                weights,
                evaluation);
    }

    /**
     * The test-time views of a depth estimator trained with Eigen et al.'s scale augmentation: besides
     * the whole frame, the four corner windows and the centre window of 1/zoom of it, resampled to the
     * input size as in training; their log depths, raised by log(zoom), are averaged with the whole
     * frame's where they overlap.
     *
     * @param zoom the windows' zoom, in (1, 2]: the middle of the training's zoom range
     */
    public record TestTimeViews(double zoom) {

        public TestTimeViews {
            if (!(zoom > 1 && zoom <= 2)) {
                throw new IllegalArgumentException("testTimeViews.zoom must be in (1, 2], got " + zoom);
            }
        }
    }

    /**
     * How a damage detector's per-pixel probabilities become a mask.
     *
     * @param threshold the probability from which a pixel is flagged as damaged, in (0, 1)
     */
    public record Detection(double threshold) {

        public Detection {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("detection.threshold must be in (0, 1), got " + threshold);
            }
        }
    }

    /** The schedule as recorded: kind, steps and its two parameters (see {@link NoiseSchedule}). */
    public record Schedule(NoiseSchedule.Kind kind, int steps, double parameterA, double parameterB) {

        public static Schedule of(NoiseSchedule schedule) {
            return new Schedule(schedule.kind(), schedule.steps(), schedule.parameterA(), schedule.parameterB());
        }

        public NoiseSchedule toSchedule() {
            return NoiseSchedule.of(kind, steps, parameterA, parameterB);
        }
    }

    /** One training folder, with the data set's name and its terms of use. */
    public record DataSource(String name, String path, String terms) {}

    /**
     * How the weights were made. {@code startedFrom} is the training record of the model whose
     * weights this run started from (a second phase), or {@code null} for a run from a random
     * initialisation; following it gives every command that made the weights, oldest last.
     * {@code damageShare} is the share of a restorer's crops that got rendered damage with its mask
     * (0 for other models, and in cards written before it was recorded); {@code holeShare} the share
     * of its other crops that got a drawn hole over the harmonic guess, to learn filling given masks.
     */
    public record Training(
            List<DataSource> data,
            long steps,
            int batch,
            int crop,
            double learningRate,
            long seed,
            double wallTimeSeconds,
            String hardware,
            String command,
            double finalLoss,
            Training startedFrom,
            double damageShare,
            double holeShare) {

        public Training {
            data = data == null ? List.of() : List.copyOf(data);
            if (!(damageShare >= 0 && damageShare <= 1)) {
                throw new IllegalArgumentException("training.damageShare must be in [0, 1], got " + damageShare);
            }
            if (!(holeShare >= 0 && holeShare <= 1)) {
                throw new IllegalArgumentException("training.holeShare must be in [0, 1], got " + holeShare);
            }
        }

        /** A run without damage. */
        public Training(
                List<DataSource> data,
                long steps,
                int batch,
                int crop,
                double learningRate,
                long seed,
                double wallTimeSeconds,
                String hardware,
                String command,
                double finalLoss,
                Training startedFrom) {
            this(
                    data,
                    steps,
                    batch,
                    crop,
                    learningRate,
                    seed,
                    wallTimeSeconds,
                    hardware,
                    command,
                    finalLoss,
                    startedFrom,
                    0,
                    0);
        }

        /** A run from a random initialisation, without damage. */
        public Training(
                List<DataSource> data,
                long steps,
                int batch,
                int crop,
                double learningRate,
                long seed,
                double wallTimeSeconds,
                String hardware,
                String command,
                double finalLoss) {
            this(data, steps, batch, crop, learningRate, seed, wallTimeSeconds, hardware, command, finalLoss, null);
        }

        /** This record with {@code share} as its damage share. */
        public Training withDamageShare(double share) {
            return withShares(share, holeShare);
        }

        /** This record with {@code share} as its hole share. */
        public Training withHoleShare(double share) {
            return withShares(damageShare, share);
        }

        private Training withShares(double damage, double holes) {
            return new Training(
                    data,
                    steps,
                    batch,
                    crop,
                    learningRate,
                    seed,
                    wallTimeSeconds,
                    hardware,
                    command,
                    finalLoss,
                    startedFrom,
                    damage,
                    holes);
        }

        /** Whether this run or one it started from trained on damaged crops: whether the mask channel means something. */
        public boolean learntDamage() {
            return damageShare > 0 || (startedFrom != null && startedFrom.learntDamage());
        }

        /** Whether this run or one it started from trained on drawn holes: whether it fills masks users give. */
        public boolean learntHoles() {
            return holeShare > 0 || (startedFrom != null && startedFrom.learntHoles());
        }

        /** Optimiser steps of this run and of every run it started from. */
        public long totalSteps() {
            return steps + (startedFrom == null ? 0 : startedFrom.totalSteps());
        }
    }

    /** The weights file (relative to the model directory), its size, digest and parameter count. */
    public record Weights(String file, String sha256, long bytes, long parameters) {}

    public ModelCard withWeights(Weights newWeights) {
        return new ModelCard(
                format,
                name,
                description,
                architecture,
                conditions,
                labels,
                grayscale,
                schedule,
                prediction,
                testTimeViews,
                training,
                newWeights,
                evaluation,
                detection);
    }

    public ModelCard withEvaluation(Map<String, Object> newEvaluation) {
        return new ModelCard(
                format,
                name,
                description,
                architecture,
                conditions,
                labels,
                grayscale,
                schedule,
                prediction,
                testTimeViews,
                training,
                weights,
                newEvaluation,
                detection);
    }

    public ModelCard withTraining(Training newTraining) {
        return new ModelCard(
                format,
                name,
                description,
                architecture,
                conditions,
                labels,
                grayscale,
                schedule,
                prediction,
                testTimeViews,
                newTraining,
                weights,
                evaluation,
                detection);
    }
}
