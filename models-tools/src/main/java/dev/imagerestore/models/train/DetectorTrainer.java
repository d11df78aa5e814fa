package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.damage.CleanStructure;
import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.Damaged;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.detect.DamageNetwork;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Trains the per-pixel damage detector of {@link DamageNetwork}: clean crops get damage rendered by
 * a {@link DamageGenerator}, then scan effects by a {@link Degradations} pipeline (after the damage,
 * as a scanner sees a damaged print), and the UNet learns the damage mask with a class-weighted
 * binary cross-entropy on its logits. Pixels of the stain mask are negatives: a stain changes tone
 * and keeps content, which an inpainter must not replace.
 *
 * <p>Before any damage, {@link #STRUCTURE_SHARE} of the crops get handwriting, print or ruled lines
 * drawn in as content ({@link CleanStructure}), labelled clean: small dark strokes and thin lines are
 * what dust, lint and scratches look like, and a detector must leave a document's text alone.
 * A quarter of the crops ({@link #CLEAN_SHARE}) get no damage at all, so that clean structure
 * under scan effects (edges, texture, grain, JPEG blocks) is seen as "not damage" on whole crops,
 * not only around rendered damage. Crop {@code b} of step {@code n} is image {@code n * batch + b} of
 * the generator and of the pipeline, whose seeds are distinct ({@link #scanSeed}), so a resumed run
 * renders exactly what an uninterrupted one would. Grayscale crops are damaged and degraded as one
 * channel and fed as three equal ones. The optimisation is {@link TrainingLoop}'s.
 *
 * <p><b>Damage at the photograph's scale.</b> The generator sizes each element to the canvas it draws
 * on, so damage drawn on the network's crop is no larger than the crop: a tear in a 64-pixel crop
 * covers a few hundred pixels, where a tear in a scanned print covers thousands. With a
 * {@link Rendering#canvas()} larger than the crop, the data gives canvas-sized crops, damage is drawn
 * on the whole canvas (the size of the photographs the detector meets), and the network sees a
 * random crop-sized window of it, so it learns parts of large tears and corners as they appear in
 * its tiles. Scan effects are applied to the window. {@link Rendering#grayShare()} of the colour
 * crops are turned grey (the mean of the channels, as grey input is fed) before anything is drawn:
 * most archive prints are monochrome. {@link Rendering#overexposeShare()} of the crops are
 * overexposed first ({@link #overexposed}): flat white regions with natural boundaries, labelled
 * clean, against which missing corners and tears (flat paper with a torn edge) must be told apart.
 */
public final class DetectorTrainer {

    /** Share of the crops that get no damage. */
    public static final double CLEAN_SHARE = 0.25;
    /**
     * Share of the crops, damaged or not, that first get clean structure drawn in as content
     * ({@link CleanStructure}: handwriting, print and ruled lines), which must not be flagged.
     */
    public static final double STRUCTURE_SHARE = 0.3;
    /**
     * Weight of a damaged pixel's loss against a clean pixel's, by default. Damage covers 0.5-8 % of a
     * damaged crop, about 3 % of all training pixels: unweighted, the network first learns to flag
     * nothing and thin scratches stay under-learned; fully balanced (about 30), its probabilities
     * are those of a 50 % prior and every hard edge is flagged. With weight w the trained probability
     * is w p / (w p + 1 - p) for a true posterior p, so 5 puts the 0.5 threshold at p = 1/6: recall is
     * favoured (missed damage stays visible in the restored print, a false alarm is merely inpainted
     * over) without flagging clean structure wholesale.
     */
    public static final double DEFAULT_POSITIVE_WEIGHT = 5;

    private static final long SCAN_STREAM = 0x6A09E667F3BCC909L;
    private static final long STRUCTURE_STREAM = 0xBB67AE8584CAA73BL;

    private final TrainingSettings settings;
    private final CropSource data;
    private final DamageGenerator damage;
    private final Degradations scan;
    private final CleanStructure structure;
    private final double positiveWeight;
    private final Rendering rendering;
    private final Consumer<String> progress;

    /**
     * Where damage is drawn: on canvases of side {@code canvas} (at least the crop; the data must give
     * crops of that side); the share of the colour crops turned grey first, and the share of the crops
     * overexposed first.
     */
    public record Rendering(int canvas, double grayShare, double overexposeShare) {

        /** The largest exposure gain an overexposed crop gets; its gain is drawn in [1.2, this]. */
        public static final double MAX_GAIN = 2.5;

        public Rendering {
            if (canvas < 8) {
                throw new IllegalArgumentException(
                        "damage canvas must be at least 8 pixels, got " + canvas + "; pass the crop or more");
            }
            if (!(grayShare >= 0 && grayShare <= 1)) {
                throw new IllegalArgumentException("grey share must be in [0, 1], got " + grayShare);
            }
            if (!(overexposeShare >= 0 && overexposeShare <= 1)) {
                throw new IllegalArgumentException("overexposed share must be in [0, 1], got " + overexposeShare);
            }
        }

        /** Damage drawn on the crop itself, colour kept: how the detector was first trained. */
        public static Rendering onCrop(int crop) {
            return new Rendering(crop, 0, 0);
        }
    }

    /** What one crop of a step gets, drawn before it is rendered. */
    private record CropPlan(
            boolean grayscale,
            boolean grayInData,
            boolean damaged,
            boolean structured,
            int top,
            int left,
            double exposureGain) {}

    /**
     * @param damage the damage of crop {@code n * batch + b}
     * @param scan the scan effects applied after the damage (seed it with {@link #scanSeed})
     * @param positiveWeight the loss weight of a damaged pixel, see {@link #DEFAULT_POSITIVE_WEIGHT}
     */
    public DetectorTrainer(
            TrainingSettings settings,
            CropSource data,
            DamageGenerator damage,
            Degradations scan,
            double positiveWeight,
            Rendering rendering,
            Consumer<String> progress) {
        UNetConfig architecture = settings.architecture();
        if (!architecture.equals(DamageNetwork.architecture(
                architecture.widths(),
                architecture.resBlocksPerLevel(),
                architecture.attentionAtLowest(),
                architecture.groups()))) {
            throw new IllegalArgumentException("a damage detector has 1 output and " + DamageNetwork.CONDITIONS.size()
                    + " condition channels and no labels, got " + architecture);
        }
        if (!data.conditionNames().isEmpty()) {
            throw new IllegalArgumentException("a damage detector trains on plain image folders, got conditioning "
                    + "planes " + data.conditionNames());
        }
        if (rendering.canvas() < settings.crop()) {
            throw new IllegalArgumentException("damage canvas " + rendering.canvas() + " is smaller than the crop "
                    + settings.crop() + "; pass a canvas of at least the crop");
        }
        if (data.crop() != rendering.canvas()) {
            throw new IllegalArgumentException("the data gives " + data.crop() + "-pixel crops, the damage canvas is "
                    + rendering.canvas() + "; load the images with crops of the canvas's side");
        }
        if (!(positiveWeight >= 1 && positiveWeight <= 100)) {
            throw new IllegalArgumentException("positive weight must be in [1, 100], got " + positiveWeight);
        }
        this.settings = settings;
        this.data = data;
        this.damage = damage;
        this.scan = scan;
        this.structure = CleanStructure.of(settings.seed() + STRUCTURE_STREAM);
        this.positiveWeight = positiveWeight;
        this.rendering = rendering;
        this.progress = progress;
    }

    /** The seed of the scan effects of a run seeded with {@code seed}: a stream apart from the damage's. */
    public static long scanSeed(long seed) {
        return seed + SCAN_STREAM;
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
        int canvas = rendering.canvas();
        TrainingImages.Batch crops = data.sample(random, batch);
        float[] scanned = new float[batch * 3 * crop * crop];
        float[] target = new float[batch * crop * crop];
        for (int b = 0; b < batch; b++) {
            boolean damaged = random.nextDouble() >= CLEAN_SHARE;
            boolean structured = random.nextDouble() < STRUCTURE_SHARE;
            int top = canvas > crop ? random.nextInt(canvas - crop + 1) : 0;
            int left = canvas > crop ? random.nextInt(canvas - crop + 1) : 0;
            boolean grayscale =
                    crops.grayscale()[b] || (rendering.grayShare() > 0 && random.nextDouble() < rendering.grayShare());
            double gain = rendering.overexposeShare() > 0 && random.nextDouble() < rendering.overexposeShare()
                    ? 1.2 + (Rendering.MAX_GAIN - 1.2) * random.nextDouble()
                    : 1;
            CropPlan plan = new CropPlan(grayscale, crops.grayscale()[b], damaged, structured, top, left, gain);
            render(crops.samples(), b, step * batch + b, plan, scanned, target);
        }
        try (NDScope scope = new NDScope()) {
            NDList inputs = DamageNetwork.inputs(manager, scanned, batch, crop, crop);
            NDArray labels = NativeArrays.create(manager, target, new Shape(batch, 1, crop, crop));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray logits = online.forward(store, inputs, true).head();
                NDArray loss = weightedBinaryCrossEntropy(logits, labels, positiveWeight);
                collector.backward(loss);
                return loss.getFloat();
            }
        }
    }

    /**
     * Canvas {@code b} of {@code clean} as {@code plan} says: grey or not, overexposed or not, with
     * clean structure drawn in (or not) and damaged (or not) as image {@code id}; its crop-sized window,
     * scanned, into {@code scanned} and the window's damage mask into {@code target}. Modifies both.
     */
    private void render(float[] clean, int b, long id, CropPlan plan, float[] scanned, float[] target) {
        int crop = settings.crop();
        int canvas = rendering.canvas();
        int canvasPlane = canvas * canvas;
        int plane = crop * crop;
        int channels = plan.grayInData() ? 1 : 3;
        float[] samples = new float[channels * canvasPlane];
        System.arraycopy(clean, b * 3 * canvasPlane, samples, 0, channels * canvasPlane);
        FloatImage image = FloatImage.wrap(channels, canvas, canvas, 8, samples);
        if (plan.grayscale()) {
            image = image.toOneChannel();
        }
        if (plan.exposureGain() != 1) {
            image = overexposed(image, plan.exposureGain());
        }
        if (plan.structured()) {
            image = structure.render(image, id);
        }
        if (plan.damaged()) {
            Damaged d = damage.render(image, id);
            image = d.image();
            float[] mask = d.mask()
                    .toImage()
                    .window(plan.top(), plan.left(), crop, crop)
                    .toArray();
            System.arraycopy(mask, 0, target, b * plane, plane);
        }
        if (canvas > crop) {
            image = image.window(plan.top(), plan.left(), crop, crop);
        }
        float[] values = scan.apply(image, id).image().toArray();
        for (int c = 0; c < 3; c++) {
            System.arraycopy(values, (plan.grayscale() ? 0 : c) * plane, scanned, b * 3 * plane + c * plane, plane);
        }
    }

    /**
     * {@code image} overexposed: every sample times {@code gain}, clipped at white, as a print or scan
     * that took too much light. Its bright parts (skies, white clothes, paper) become flat white with
     * the picture's own boundaries: clean content that must not be taken for lost emulsion.
     */
    static FloatImage overexposed(FloatImage image, double gain) {
        float[] samples = image.toArray();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) Math.min(1, samples[i] * gain);
        }
        return FloatImage.wrap(image.channels(), image.height(), image.width(), image.bitDepth(), samples);
    }

    /**
     * Mean binary cross-entropy of {@code logits} against 0/1 {@code labels}, each positive's term
     * weighted by {@code positiveWeight} (PyTorch's {@code BCEWithLogitsLoss(pos_weight)}), computed
     * stably as {@code max(z, 0) - z y + log(1 + exp(-|z|))} per pixel.
     */
    static NDArray weightedBinaryCrossEntropy(NDArray logits, NDArray labels, double positiveWeight) {
        NDArray perPixel = logits.maximum(0f)
                .sub(logits.mul(labels))
                .add(logits.abs().neg().exp().add(1f).log());
        NDArray weights = labels.mul((float) (positiveWeight - 1)).add(1f);
        return perPixel.mul(weights).mean();
    }

    private String onCanvas() {
        String where = rendering.canvas() > settings.crop()
                ? String.format(
                        Locale.ROOT,
                        " on %dx%d canvases, the network seeing a random %dx%d window",
                        rendering.canvas(),
                        rendering.canvas(),
                        settings.crop(),
                        settings.crop())
                : "";
        String grey = rendering.grayShare() > 0
                ? String.format(Locale.ROOT, " (%.0f%% of colour crops turned grey first)", 100 * rendering.grayShare())
                : "";
        String exposure = rendering.overexposeShare() > 0
                ? String.format(
                        Locale.ROOT,
                        " (%.0f%% of crops overexposed first, a gain of 1.2-%.1f clipped at white)",
                        100 * rendering.overexposeShare(),
                        Rendering.MAX_GAIN)
                : "";
        return where + grey + exposure;
    }

    private ModelCard card(long step, double wall, double loss) throws IOException {
        ModelCard.Training training = CardFactory.training(settings, step, wall, loss);
        String description = String.format(
                Locale.ROOT,
                "Per-pixel damage detector: the project's UNet with RGB as its 3 condition channels, zeros as its "
                        + "image channel and timestep 0, predicting the logit of 'content lost' (cracks, creases, "
                        + "scratches, tears, missing corners, dust, lint; stains are not damage). Trained with this "
                        + "project's Java trainer on %d images: handwriting, print and ruled lines drawn in as clean content on "
                        + "%.0f%% of the crops, damage rendered by %s on %.0f%% of them%s, then "
                        + "the '%s' scan effects (seed %d); binary cross-entropy with damaged pixels weighted %.1f.",
                data.imageCount(),
                100 * STRUCTURE_SHARE,
                damage,
                100 * (1 - CLEAN_SHARE),
                onCanvas(),
                scan.name(),
                scan.seed(),
                positiveWeight);
        return new ModelCard(
                ModelCard.FORMAT,
                settings.name(),
                description,
                settings.architecture(),
                DamageNetwork.CONDITIONS,
                List.of(),
                "single-channel images are fed as three equal channels",
                ModelCard.Schedule.of(settings.schedule()),
                DamageNetwork.PREDICTION,
                null,
                training,
                null,
                Map.of(),
                new ModelCard.Detection(DamageNetwork.DEFAULT_THRESHOLD));
    }
}
