package dev.imagerestore.models.eval;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.models.sampler.Scheduler;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Quality per network evaluation of every sampler on two tasks of one model: the refinement path of
 * denoising (Gaussian noise of a known level, the sampler run from that level's timestep; PSNR of the
 * image) and inpainting (the masks of {@link InpaintBenchmark}, one RePaint draw without resampling so
 * the sampler alone spends the evaluations; PSNR inside the hole). For each budget {@code N} of
 * network evaluations each sampler gets the most steps whose run costs at most {@code N}
 * ({@link SamplerKind#stepsWithin}); the evaluations it actually spent are reported. The noise and the
 * damage of image {@code i} are drawn from {@code seed + i}, as {@code eval denoise} and
 * {@code eval inpaint} draw them. A crop (the centred window of each image) keeps a sweep small: every
 * sampler at every budget is a full restoration of every image.
 *
 * <p><b>Error of the ODE solvers.</b> PSNR against the clean image does not measure a solver: the
 * one-step estimate at the start is the posterior mean, the best image in mean square, and every
 * deterministic sampler moves from it towards the probability-flow ODE's solution, a sharper image
 * further from the clean one in PSNR. With {@link Builder#optOdeReferenceSteps} the denoising task also
 * measures how far each ODE-following sampler ({@link SamplerKind#followsTheOde}) still is from that
 * solution: the RMS difference, in 8-bit levels, from a reference run of Heun with that many steps.
 * The reference is checked against DPM-Solver++ with twice its steps, which converges to the same
 * image by another method ({@link Result#referenceSpread}).
 */
public final class SamplerSweep {

    /** The task a point was measured on. */
    public enum Task {
        DENOISE,
        INPAINT
    }

    /**
     * One sampler at one budget, averaged over the images.
     *
     * @param evaluations network evaluations of one run (per tile)
     * @param psnr mean PSNR in dB (8-bit): of the image when denoising, inside the hole when inpainting
     */
    public record Point(
            Task task, SamplerKind sampler, int budget, int steps, int evaluations, double psnr, double odeError) {

        /** A point with no ODE error measured. */
        public Point(Task task, SamplerKind sampler, int budget, int steps, int evaluations, double psnr) {
            this(task, sampler, budget, steps, evaluations, psnr, Double.NaN);
        }
    }

    /**
     * The points of a sweep.
     *
     * @param referenceSpread mean RMS difference (8-bit levels) between the ODE reference and
     *     DPM-Solver++ at twice its steps: how exactly the reference is the ODE's solution; NaN when
     *     no reference was run
     */
    public record Result(List<Point> points, double referenceSpread) {

        public Result {
            points = List.copyOf(points);
        }
    }

    private final DiffusionModel model;
    private final double sigma;
    private final List<Integer> budgets;
    private final List<SamplerKind> samplers;
    private final InpaintBenchmark.Masks masks;
    private final long seed;
    private final int tileSize;
    private final int overlap;
    private final int crop;
    private final int referenceSteps;

    private SamplerSweep(Builder b) {
        this.model = b.model;
        this.sigma = b.sigma;
        this.budgets = List.copyOf(b.budgets);
        this.samplers = List.copyOf(b.samplers);
        this.masks = b.masks;
        this.seed = b.seed;
        this.tileSize = b.tileSize;
        this.overlap = b.overlap;
        this.crop = b.crop;
        this.referenceSteps = b.referenceSteps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every sampler at every budget on both tasks; {@code progress} sees each point when it is
     * done (the ODE reference, when asked for, is run first).
     */
    public Result run(List<Path> files, Consumer<Point> progress) throws IOException {
        List<FloatImage> images = new ArrayList<>();
        for (Path file : files) {
            FloatImage image = ImageFiles.read(file);
            images.add(
                    crop == 0
                            ? image
                            : image.centreCrop(Math.min(crop, image.height()), Math.min(crop, image.width())));
        }
        NoiseSchedule schedule = model.schedule();
        double denoiseStart = schedule.timestepForPixelSigma(sigma);
        double inpaintStart = Math.rint(Inpainter.DEFAULT_STRENGTH * (schedule.steps() - 1));
        List<FloatImage> reference = null;
        double spread = Double.NaN;
        if (referenceSteps > 0) {
            reference = denoised(images, SamplerKind.HEUN, referenceSteps);
            List<FloatImage> check = denoised(images, SamplerKind.DPM_SOLVER, 2 * referenceSteps);
            spread = meanDistance(reference, check);
        }
        List<Point> points = new ArrayList<>();
        for (Task task : Task.values()) {
            double start = task == Task.DENOISE ? denoiseStart : inpaintStart;
            for (SamplerKind kind : samplers) {
                for (int budget : budgets) {
                    int steps = kind.stepsWithin(schedule, start, budget);
                    Scheduler scheduler = kind.scheduler(schedule, steps, 0);
                    int evaluations = scheduler.evaluations(scheduler.timesteps(start));
                    Point point;
                    if (task == Task.DENOISE) {
                        List<FloatImage> out = denoised(images, kind, steps);
                        double psnr = 0;
                        for (int i = 0; i < images.size(); i++) {
                            psnr += Psnr.of8Bit(images.get(i), out.get(i)) / images.size();
                        }
                        double odeError =
                                reference != null && kind.followsTheOde() ? meanDistance(reference, out) : Double.NaN;
                        point = new Point(task, kind, budget, steps, evaluations, psnr, odeError);
                    } else {
                        point = new Point(task, kind, budget, steps, evaluations, inpaint(images, kind, steps));
                    }
                    progress.accept(point);
                    points.add(point);
                }
            }
        }
        return new Result(points, spread);
    }

    /** Image {@code i} with the noise of {@code seed + i}, denoised by {@code steps} of {@code kind}. */
    private List<FloatImage> denoised(List<FloatImage> images, SamplerKind kind, int steps) {
        Denoiser denoiser = Denoiser.builder()
                .setModel(model)
                .optTileSize(tileSize)
                .optOverlap(overlap)
                .optRefineSteps(steps)
                .optSampler(kind)
                .optSeed(seed)
                .build();
        List<FloatImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(denoiser.denoise(Awgn.add(images.get(i), sigma, seed + i), sigma));
        }
        return out;
    }

    /** Mean over the images of their RMS difference in 8-bit levels (unrounded). */
    private static double meanDistance(List<FloatImage> a, List<FloatImage> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.get(i).rmsChange(b.get(i));
        }
        return sum / a.size();
    }

    private double inpaint(List<FloatImage> images, SamplerKind kind, int steps) {
        Inpainter inpainter = Inpainter.builder()
                .setModel(model)
                .optSampler(kind)
                .optSteps(steps)
                .optJumpRepeats(1)
                .optSamples(1)
                .optSeed(seed)
                .optTileSize(tileSize)
                .optOverlap(overlap)
                .build();
        InpaintBenchmark benchmark = InpaintBenchmark.builder()
                .setInpainter(inpainter)
                .setMasks(masks)
                .optSeed(seed)
                .build();
        double sum = 0;
        for (int i = 0; i < images.size(); i++) {
            InpaintReport.Image result = benchmark.evaluate("image " + i, images.get(i), seed + i);
            sum += result.scores().get(0).holePsnr();
        }
        return sum / images.size();
    }

    /** Builder: the model is required; the rest has the defaults of {@code eval samplers}. */
    public static final class Builder {

        private DiffusionModel model;
        private double sigma = 25;
        private List<Integer> budgets = List.of(5, 10, 20);
        private List<SamplerKind> samplers = List.of(SamplerKind.values());
        private InpaintBenchmark.Masks masks = InpaintBenchmark.Masks.BOX64;
        private long seed;
        private int tileSize = 128;
        private int overlap = 32;
        private int crop;
        private int referenceSteps;

        private Builder() {}

        public Builder setModel(DiffusionModel value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** Noise level of the denoising task on the 0-255 scale (default 25). */
        public Builder optSigma(double value) {
            this.sigma = value;
            return this;
        }

        /** Budgets of network evaluations (default 5, 10, 20). */
        public Builder optBudgets(List<Integer> value) {
            this.budgets = List.copyOf(value);
            return this;
        }

        /** The samplers compared (default all). */
        public Builder optSamplers(List<SamplerKind> value) {
            this.samplers = List.copyOf(value);
            return this;
        }

        /** The masks of the inpainting task (default box64). */
        public Builder optMasks(InpaintBenchmark.Masks value) {
            this.masks = Objects.requireNonNull(value, "masks");
            return this;
        }

        /** Noise, damage and sampler seed; image i uses seed + i (default 0). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Tile side and overlap of both tasks (default 128 and 32). */
        public Builder optTiling(int size, int overlapPixels) {
            this.tileSize = size;
            this.overlap = overlapPixels;
            return this;
        }

        /** Side of the centred square each image is cut to, or 0 for whole images (default 0). */
        public Builder optCrop(int side) {
            this.crop = side;
            return this;
        }

        /**
         * Steps of the Heun run taken as the probability-flow ODE's solution on the denoising task,
         * or 0 to measure no ODE error (default 0). About 100 converge to a small fraction of a
         * level; the reference costs {@code 2 * steps - 1} plus the check's {@code 2 * steps}
         * evaluations per tile.
         */
        public Builder optOdeReferenceSteps(int steps) {
            this.referenceSteps = steps;
            return this;
        }

        public SamplerSweep build() {
            if (referenceSteps < 0 || referenceSteps > 500) {
                throw new IllegalArgumentException("ODE reference steps must be in [0, 500] (0 for none), got "
                        + referenceSteps + "; about 100 converge");
            }
            if (model == null) {
                throw new IllegalStateException("no model: call setModel(DiffusionModel)");
            }
            if (!(sigma > 0 && sigma <= 150)) {
                throw new IllegalArgumentException("sigma must be in (0, 150] on the 0-255 scale, got " + sigma);
            }
            if (budgets.isEmpty() || budgets.stream().anyMatch(b -> b < 1 || b > 1000)) {
                throw new IllegalArgumentException(
                        "budgets of network evaluations must be in [1, 1000], got " + budgets);
            }
            if (crop != 0 && crop < 64) {
                throw new IllegalArgumentException("crop " + crop + " is below 64 px, the side of the box64 masks; "
                        + "use 0 for whole images or at least 64");
            }
            if (samplers.isEmpty()) {
                throw new IllegalArgumentException("name at least one sampler; choices: " + SamplerKind.names());
            }
            if (masks == InpaintBenchmark.Masks.AUTO_SYNTHETIC) {
                throw new IllegalArgumentException(
                        "masks auto-synthetic measure the detector as well; compare samplers " + "on scratch or box64");
            }
            return new SamplerSweep(this);
        }
    }
}
