package dev.imagerestore.models.cli;

import ai.djl.engine.Engine;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.DamageKind;
import dev.imagerestore.models.damage.Damaged;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.detect.DamageProbabilities;
import dev.imagerestore.models.detect.LearnedDamageDetector;
import dev.imagerestore.models.eval.DetectionCounts;
import dev.imagerestore.models.eval.PeerDenoisers;
import dev.imagerestore.models.eval.PeerInpainter;
import dev.imagerestore.models.eval.RecallByContrast;
import dev.imagerestore.models.eval.RepairScores;
import dev.imagerestore.models.eval.TolerantCounts;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.DamageDetector;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.BlindRestorer;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.train.DetectorTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval damage}: scores a learned damage detector, and the hand-made {@code DamageDetector}
 * beside it, on clean images given damage and scan effects with fixed seeds. Image {@code i} of the
 * selection gets the damage of image id {@code i} ({@link DamageGenerator}) and then the scan effects
 * of that id; the same scan effects on the undamaged image give the clean control, on which every
 * flagged pixel is a false alarm. Printed: pooled pixel precision, recall and F1 (stain pixels count
 * as negatives), the share of stain pixels flagged, and the fraction of pixels flagged on the clean
 * controls (mean and largest over the images).
 *
 * <p>With {@code --restorer}, each damaged image is also repaired as {@code restore --mask auto}
 * does it: the learned detector's mask fed to the blind restorer in one pass. Printed per method:
 * whole-image PSNR and SSIM against the clean image, PSNR inside the true damage and seconds per
 * megapixel, beside the damaged input, the restorer with no mask (what {@code restore} costs without
 * {@code --mask}), the same repair with only the flagged pixels taken from it ({@code --task inpaint
 * --mask auto}, every other pixel the damaged input's) and the restorer given the true mask. The time of the repair (detector and
 * restorer) over the restorer's alone is measured in the same run, and with {@code --denoiser} over
 * the white-noise denoiser's as {@code restore --task denoise} runs it. {@code --peers} adds the OpenCV
 * inpainters on the detected masks and, as the reference, on the true masks.
 */
@Command(
        name = "damage",
        mixinStandardHelpOptions = true,
        defaultValueProvider = EvalDamageCommand.Tiles.class,
        description = "Score a damage detector on clean images with rendered damage and scan effects.")
public final class EvalDamageCommand implements Callable<Integer> {

    /** The detector's tiles. */
    static final class Tiles extends TilingOptions.Defaults {
        Tiles() {
            super(LearnedDamageDetector.DEFAULT_TILE_SIZE, LearnedDamageDetector.DEFAULT_OVERLAP);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CleanImages images;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL_DIR",
            description = "The detector's model directory (written by train-detector).")
    Path model;

    @Option(names = "--threshold", description = "Probability from which a pixel is flagged (default: the card's).")
    Double threshold;

    @Option(
            names = "--ensemble",
            defaultValue = "1",
            description = "Views of each tile the detector averages: 1, 2, 4 or 8 flips and transpositions "
                    + "(default ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(
            names = "--seed",
            defaultValue = "2026",
            description = "Seed of the damage; the scan effects draw from a stream apart (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--scan-effects",
            defaultValue = "realistic",
            paramLabel = "SPEC",
            description =
                    "Scan effects after the damage: realistic, realistic-camera, jpeg-grain, camera-noise, camera-jpeg, awgn:SIGMA, none or a mixture A+B@SHARE (default ${DEFAULT-VALUE}).")
    String scanEffects;

    @Mixin
    TilingOptions tiling;

    @Option(
            names = "--sweep",
            split = ",",
            paramLabel = "P",
            description = "Also score the learned detector at these thresholds (from the same probabilities), "
                    + "to choose the threshold of its card.")
    List<Double> sweep = List.of();

    @Option(
            names = "--restorer",
            paramLabel = "MODEL_DIR",
            description =
                    "Also repair each image with this blind restorer on the detected mask and score the whole repair.")
    Path restorer;

    @Option(
            names = "--denoiser",
            paramLabel = "MODEL_DIR",
            description = "With --restorer: also time this white-noise denoiser as restore --task denoise runs it "
                    + "(its blind noise estimate, then the model) on the same damaged images, taking turns with the "
                    + "repair, and print the repair's time over it.")
    Path denoiser;

    @Option(
            names = "--margin",
            defaultValue = "" + LearnedDamageDetector.DEFAULT_REPAIR_MARGIN,
            description = "With --restorer: pixels by which the detected mask grows before it is repaired, as "
                    + "restore --mask auto grows it (default ${DEFAULT-VALUE}).")
    int margin;

    @Option(
            names = "--peers",
            description = "With --restorer: also OpenCV's inpainters on the detected and the true masks.")
    boolean peers;

    @Option(
            names = "--kinds",
            split = ",",
            paramLabel = "KIND",
            description = "Render only these kinds of damage, e.g. cracks,scratch (default: all): "
                    + "cracks, crease, scratch, tear, missing-corner, dust, lint-and-hair, stain.")
    List<String> kinds = List.of();

    @Option(
            names = "--tolerance",
            description = "Pixels by which a flag may miss the damage and still count, for the tolerant F1 column "
                    + "(thin-structure benchmarks' boundary tolerance; default ${DEFAULT-VALUE}).")
    int tolerance = 2;

    /** One detector's pooled counts and its clean-control flag fractions. */
    private static final class Score {
        private final String name;
        private final int tolerance;
        private DetectionCounts counts = DetectionCounts.none();
        private TolerantCounts tolerant = TolerantCounts.none();
        private double cleanSum;
        private double cleanMax;

        Score(String name, int tolerance) {
            this.name = name;
            this.tolerance = tolerance;
        }

        void add(Damaged truth, Mask flaggedDamaged, Mask flaggedClean) {
            counts = counts.plus(DetectionCounts.of(truth.mask(), truth.stainMask(), flaggedDamaged));
            tolerant = tolerant.plus(TolerantCounts.of(truth.mask(), flaggedDamaged, tolerance));
            cleanSum += flaggedClean.fraction();
            cleanMax = Math.max(cleanMax, flaggedClean.fraction());
        }

        String line(int imageCount) {
            return String.format(
                    Locale.ROOT,
                    "%-40s %9.4f %7.4f %7.4f %9.4f %9.4f %12.5f %10.5f",
                    name,
                    counts.precision(),
                    counts.recall(),
                    counts.f1(),
                    tolerant.f1(),
                    counts.stainFlaggedFraction(),
                    cleanSum / imageCount,
                    cleanMax);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--threshold must be in (0, 1), got " + threshold);
        }
        for (double p : sweep) {
            if (!(p > 0 && p < 1)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--sweep thresholds must be in (0, 1), got " + p);
            }
        }
        if (tolerance < 0 || tolerance > 16) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--tolerance must be 0-16 pixels, got " + tolerance);
        }
        if (denoiser != null && restorer == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--denoiser is timed against the whole repair, which needs --restorer MODEL_DIR");
        }
        if (peers && restorer == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--peers scores the whole repair, which needs --restorer MODEL_DIR");
        }
        TorchThreads.configure(tiling.threads);
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = images.select(spec);
        List<PeerInpainter> peerList =
                peers ? PeerDenoisers.loadInpainters(getClass().getClassLoader()) : List.of();
        if (peers && peerList.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), PeerDenoisers.MISSING);
        }
        DamageGenerator.Builder generator = DamageGenerator.builder().setSeed(seed);
        if (!kinds.isEmpty()) {
            generator.optKinds(kinds.stream().map(k -> kind(k)).toArray(DamageKind[]::new));
        }
        DamageGenerator damage = generator.build();
        Degradations scan = Degradations.parse(scanEffects, DetectorTrainer.scanSeed(seed));
        DamageDetector handMade = DamageDetector.create();
        try (LearnedDamageDetector detector = LearnedDamageDetector.load(
                        model,
                        Engine.getEngine("PyTorch").defaultDevice(),
                        tiling.tile,
                        tiling.overlap,
                        LearnedDamageDetector.DEFAULT_TILES_PER_BATCH);
                DiffusionModel repairModel = restorer == null ? null : DiffusionModel.load(restorer);
                DiffusionModel denoiseModel = denoiser == null
                        ? null
                        : ModelLocation.load(denoiser, getClass().getClassLoader())) {
            Repair repair = repairModel == null ? null : new Repair(repairModel, denoiseModel, peerList, margin);
            double t = threshold != null ? threshold : detector.threshold();
            Score learned = new Score(
                    String.format(
                            Locale.ROOT,
                            "learned %s (threshold %.2f)",
                            detector.card().name(),
                            t),
                    tolerance);
            Score lines = new Score("hand-made DamageDetector", tolerance);
            List<Score> swept = sweep.stream()
                    .map(p -> new Score(String.format(Locale.ROOT, "learned, threshold %.2f", p), tolerance))
                    .toList();
            RecallByContrast visibility = new RecallByContrast();
            double coverage = 0;
            long start = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                FloatImage clean = ImageFiles.read(files.get(i));
                long id = images.id(i);
                Damaged truth = damage.render(clean, id);
                FloatImage damaged = scan.apply(truth.image(), id).image();
                FloatImage control = scan.apply(clean, id).image();
                coverage += truth.coverage();
                DamageProbabilities onDamaged = detector.probabilities(damaged, ensemble);
                DamageProbabilities onClean = detector.probabilities(control, ensemble);
                learned.add(truth, onDamaged.mask(t), onClean.mask(t));
                visibility.add(clean, truth.image(), truth.mask(), onDamaged.mask(t));
                for (int k = 0; k < sweep.size(); k++) {
                    swept.get(k).add(truth, onDamaged.mask(sweep.get(k)), onClean.mask(sweep.get(k)));
                }
                score(lines, truth, damaged, control, handMade::detect);
                if (repair != null) {
                    repair.score(clean, truth.mask(), damaged, detector, t, id);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9 / files.size();
            out.printf(
                    Locale.ROOT,
                    "damage detection on %d images of %s: damage seed %d (mean coverage %.2f %%), "
                            + "'%s' scan effects seed %d%n",
                    files.size(),
                    images.folder(),
                    seed,
                    100 * coverage / files.size(),
                    scan.name(),
                    scan.seed());
            out.printf(
                    Locale.ROOT,
                    "%-40s %9s %7s %7s %9s %9s %12s %10s%n",
                    "detector",
                    "precision",
                    "recall",
                    "F1",
                    "F1 " + tolerance + " px",
                    "stains",
                    "clean mean",
                    "clean max");
            out.println(learned.line(files.size()));
            out.println(lines.line(files.size()));
            swept.forEach(score -> out.println(score.line(files.size())));
            out.printf(
                    Locale.ROOT,
                    "recall of the learned detector by the damage's contrast (largest change over channels, "
                            + "before scan effects):%n");
            out.print(visibility.table());
            out.printf(
                    Locale.ROOT,
                    "%.3f s/image (both detectors, damaged and clean%s)%n",
                    seconds,
                    repair == null ? "" : ", and the repairs");
            if (repair != null) {
                repair.print(out);
            }
            out.flush();
        }
        return 0;
    }

    private DamageKind kind(String name) {
        try {
            return DamageKind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--kinds: unknown kind '" + name + "'; use cracks, crease, scratch, tear, missing-corner, "
                            + "dust, lint-and-hair or stain");
        }
    }

    /** The whole repair of {@code --restorer}, with its references and peers. */
    private static final class Repair {
        private static final String INPUT = "damaged input";
        private static final String DETECTED = "restorer, detected mask (--mask auto)";
        private static final String DETECTED_ONLY = "restorer, flagged pixels only (inpaint)";
        private static final String UNMASKED = "restorer, no mask";
        private static final String TRUE_MASK = "restorer, true mask";
        private static final String DENOISED = "white-noise denoiser (--task denoise)";

        private final BlindRestorer restorer;
        private final Denoiser denoiser;
        private final String name;
        private final List<PeerInpainter> peers;
        private final int margin;
        private final RepairScores scores = new RepairScores();
        private double repairSeconds;
        private double plainSeconds;
        private double denoiseSeconds;

        /** {@code denoiseModel} may be null: then no white-noise denoiser is timed. */
        Repair(DiffusionModel model, DiffusionModel denoiseModel, List<PeerInpainter> peers, int margin) {
            this.margin = margin;
            if (!BlindRestorer.accepts(model)) {
                throw new IllegalArgumentException(
                        "--restorer " + model.card().name() + " is not a blind restorer (its " + "card predicts '"
                                + model.card().prediction() + "'); give a model trained by train --degradation");
            }
            this.restorer = BlindRestorer.builder().setModel(model).build();
            this.denoiser = denoiseModel == null
                    ? null
                    : Denoiser.builder().setModel(denoiseModel).build();
            this.name = model.card().name();
            this.peers = peers;
        }

        void score(
                FloatImage clean,
                Mask truth,
                FloatImage damaged,
                LearnedDamageDetector detector,
                double threshold,
                long id) {
            scores.add(INPUT, clean, damaged, truth, -1);
            // the timed methods take turns at going first, so none alone pays for warming up
            Mask detected = null;
            FloatImage repaired = null;
            FloatImage plain = null;
            FloatImage denoised = null;
            int methods = denoiser == null ? 2 : 3;
            double[] seconds = new double[methods];
            for (int turn = 0; turn < methods; turn++) {
                int method = (int) ((turn + id) % methods);
                long start = System.nanoTime();
                switch (method) {
                    case 0 -> {
                        detected = detector.detect(damaged, threshold).dilated(margin);
                        repaired = restorer.restore(damaged, detected, id).image();
                    }
                    case 1 -> plain = restorer.restore(damaged, id).image();
                    default -> denoised = denoiser.denoiseBlind(damaged);
                }
                seconds[method] = (System.nanoTime() - start) / 1e9;
            }
            repairSeconds += seconds[0];
            plainSeconds += seconds[1];
            if (denoised != null) {
                denoiseSeconds += seconds[2];
                scores.add(DENOISED, clean, denoised, truth, seconds[2]);
            }
            scores.add(DETECTED, clean, repaired, truth, seconds[0]);
            scores.add(DETECTED_ONLY, clean, detected.select(repaired, damaged), truth, -1);
            scores.add(UNMASKED, clean, plain, truth, seconds[1]);
            scores.add(TRUE_MASK, clean, restorer.restore(damaged, truth, id).image(), truth, -1);
            for (PeerInpainter peer : peers) {
                scores.add(peer.name() + ", detected mask", clean, peer.inpaint(damaged, detected), truth, -1);
            }
            for (PeerInpainter peer : peers) {
                scores.add(peer.name() + ", true mask", clean, peer.inpaint(damaged, truth), truth, -1);
            }
        }

        void print(PrintWriter out) {
            out.printf(Locale.ROOT, "whole repair with restorer %s (PSNR and SSIM against the clean image):%n", name);
            out.print(scores.table());
            out.printf(
                    Locale.ROOT,
                    "repair (detector + restorer with the mask) / restorer alone: %.2fx (same run)%n",
                    repairSeconds / plainSeconds);
            if (denoiser != null) {
                out.printf(
                        Locale.ROOT,
                        "repair / white-noise denoiser with its blind level (restore --task denoise): %.2fx "
                                + "(same run)%n",
                        repairSeconds / denoiseSeconds);
            }
        }
    }

    private static void score(
            Score score, Damaged truth, FloatImage damaged, FloatImage control, Function<FloatImage, Mask> detector) {
        score.add(truth, detector.apply(damaged), detector.apply(control));
    }
}
