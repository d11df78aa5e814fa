package dev.imagerestore.models.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The optimisation loop that {@link DiffusionTrainer} and {@link DepthTrainer} share; each brings
 * its own forward-and-backward pass and its own card.
 *
 * <p>It builds the online UNet and its weight average, and starts them from the work directory's
 * checkpoint, else from the run's initial weights, else from the engine's generator seeded with the
 * run's seed. Then, step by step: the trainer's backward pass (a step whose gradient is not finite is
 * skipped, see {@link BackwardPass}), AdamW with gradients clipped to a global norm of 1 at the
 * warm-up-plus-cosine rate, the average's update, a progress line per window, and a checkpoint
 * (optimiser state, both weight sets, and the model directory with its card) every
 * {@link Plan#checkpointEvery()} steps, at the last step and when a stop is requested.
 */
final class TrainingLoop {

    private static final double MAX_GRADIENT_NORM = 1.0;

    /** What the loop reads of a run's settings; both settings records provide it. */
    interface Plan {
        UNetConfig architecture();

        long steps();

        /** Learning rate of update {@code step} (1-based). */
        double learningRateAt(long step);

        double weightDecay();

        double emaDecay();

        long seed();

        long checkpointEvery();

        Path workDirectory();

        Path outputDirectory();

        Path initialWeights();
    }

    /** One update's forward and backward pass over its batch, drawn from {@code (seed, step)}; the loss. */
    @FunctionalInterface
    interface Backward {
        double run(NDManager manager, ParameterStore store, Block online, long step);
    }

    /** The card of the model directory written at a checkpoint. */
    @FunctionalInterface
    interface Cards {
        ModelCard at(long step, double wallSeconds, double recentLoss) throws IOException;
    }

    private final Plan plan;
    private final Shape[] inputShapes;
    private final Backward backward;
    private final Cards cards;
    private final Consumer<String> progress;

    /**
     * @param inputShapes the UNet's input shapes for its initialisation (batch 1, any valid size)
     */
    TrainingLoop(Plan plan, Shape[] inputShapes, Backward backward, Cards cards, Consumer<String> progress) {
        this.plan = plan;
        this.inputShapes = inputShapes;
        this.backward = backward;
        this.cards = cards;
        this.progress = progress;
    }

    /** Learning rate of update {@code step} (1-based): linear warm-up, then cosine to a tenth at the last step. */
    static double learningRateAt(long step, double peak, long warmupSteps, long steps) {
        if (step <= warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double fraction = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps));
        return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * fraction)));
    }

    /**
     * Trains from the checkpoint (if any) up to {@code untilStep} (at most the run's total), asking
     * {@code stopRequested} after every step; on a request it checkpoints that step and returns.
     */
    TrainingResult run(long untilStep, BooleanSupplier stopRequested) throws IOException {
        long last = Math.min(untilStep, plan.steps());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(Long.hashCode(plan.seed()));
            Block online = UNet.build(plan.architecture());
            Block average = UNet.build(plan.architecture());
            online.initialize(manager, DataType.FLOAT32, inputShapes);
            average.initialize(manager, DataType.FLOAT32, inputShapes);
            long done = 0;
            double wall = 0;
            boolean resumed = Checkpoint.exists(plan.workDirectory());
            if (resumed) {
                Checkpoint.State state = Checkpoint.load(plan.workDirectory(), online, average, manager);
                done = state.step();
                wall = state.wallSeconds();
                progress.accept("resuming from " + Checkpoint.folder(plan.workDirectory()) + " at step " + done);
            }
            ParameterList params = online.getParameters();
            WeightAverage ema = new WeightAverage(params, average.getParameters(), plan.emaDecay());
            if (!resumed) {
                if (plan.initialWeights() != null) {
                    InitialWeights.start(
                            plan.initialWeights(), plan.architecture(), online, plan.workDirectory(), manager);
                    progress.accept("starting from the weights of " + plan.initialWeights());
                }
                ema.reset();
            }
            for (Parameter p : params.values()) {
                p.getArray().setRequiresGradient(true);
            }
            AdamW optimizer = new AdamW(params, manager, plan.weightDecay());
            if (resumed) {
                optimizer.restore(Checkpoint.loadOptimizerState(plan.workDirectory(), manager));
            }
            return loop(manager, online, average, optimizer, ema, done, last, wall, stopRequested);
        }
    }

    private TrainingResult loop(
            NDManager manager,
            Block online,
            Block average,
            AdamW optimizer,
            WeightAverage ema,
            long done,
            long last,
            double wallBefore,
            BooleanSupplier stopRequested)
            throws IOException {
        ParameterStore store = new ParameterStore(manager, false);
        long start = System.nanoTime();
        ProgressWindow window = new ProgressWindow(plan.steps());
        ModelCard card = null;
        for (long step = done + 1; step <= last; step++) {
            long update = step;
            double loss = BackwardPass.withFiniteGradient(
                    () -> backward.run(manager, store, online, update), optimizer, step, progress);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged: loss is " + loss + " at step " + step
                        + "; the last good checkpoint is in " + Checkpoint.folder(plan.workDirectory())
                        + ", resume from it with a lower --lr");
            }
            double rate = plan.learningRateAt(step);
            optimizer.step(step, rate, MAX_GRADIENT_NORM);
            ema.update(step);
            window.add(loss);
            boolean stopping = stopRequested.getAsBoolean();
            String line = window.lineAt(step, stopping ? step : last, rate);
            if (line != null) {
                progress.accept(line);
            }
            if (step % plan.checkpointEvery() == 0 || step == last || stopping) {
                double wall = wallBefore + (System.nanoTime() - start) / 1e9;
                Checkpoint.save(
                        plan.workDirectory(),
                        online,
                        average,
                        optimizer,
                        new Checkpoint.State(step, wall, window.recentLoss()));
                card = ModelDirectory.save(plan.outputDirectory(), average, cards.at(step, wall, window.recentLoss()));
                progress.accept("checkpoint at step " + step + " -> " + plan.outputDirectory());
            }
            if (stopping) {
                progress.accept(Checkpoint.stoppedAt(step, plan.workDirectory()));
                return new TrainingResult(card, step, window.recentLoss());
            }
        }
        if (card == null) {
            card = ModelDirectory.readCard(plan.outputDirectory());
        }
        return new TrainingResult(card, Math.max(done, last), window.recentLoss());
    }
}
