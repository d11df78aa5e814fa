package dev.imagerestore.models.eval;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.DamageDetector;
import dev.imagerestore.models.inpaint.HoleFill;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.inpaint.MaskFill;
import dev.imagerestore.models.inpaint.SyntheticDamage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The inpainting benchmark behind {@code eval inpaint}: for the {@code i}-th clean image it renders
 * damage with seed {@code seed + i} ({@link SyntheticDamage}), repairs it with a diffusion
 * {@link MaskFill} (RePaint, or a mask-conditioned restorer) and with every peer on the same 8-bit
 * input and mask, and scores each result against the clean image ({@link InpaintMetrics}). The inpainter's first guess alone (the harmonic
 * fill its runs start from) is scored too, as {@link InpaintReport#FIRST_GUESS}, so the report shows
 * what the diffusion prior adds to it.
 *
 * <ul>
 *   <li>{@link Masks#SCRATCH}: scratch masks covering {@value SyntheticDamage#SCRATCH_COVERAGE} of the
 *       pixels; {@link Masks#BOX64}: one 64x64 box. The masked pixels of the input are set to black, so
 *       no method can read them.</li>
 *   <li>{@link Masks#AUTO_SYNTHETIC}: scratches are painted on the image, the {@link DamageDetector}
 *       finds them (recall and precision against the painted mask, and the fraction it flags on the
 *       clean image), the methods repair the detected mask, and the hole scores are taken over the
 *       painted mask (missed damage counts against them).</li>
 * </ul>
 *
 * <p>Build with {@link #builder()}; immutable. Runs on the calling thread.
 */
public final class InpaintBenchmark {

    /** The mask kinds of {@code --masks}. */
    public enum Masks {
        SCRATCH,
        BOX64,
        AUTO_SYNTHETIC;

        /** The command-line name: scratch, box64, auto-synthetic. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind with that command-line name. */
        public static Masks fromCliName(String name) {
            for (Masks m : values()) {
                if (m.cliName().equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--masks must be scratch, box64 or auto-synthetic, got '" + name + "'");
        }
    }

    private final MaskFill inpainter;
    private final Masks masks;
    private final long seed;
    private final List<PeerInpainter> peers;
    private final DamageDetector detector;
    private final boolean repairs;

    private InpaintBenchmark(Builder b) {
        this.inpainter = b.inpainter;
        this.masks = b.masks;
        this.seed = b.seed;
        this.peers = List.copyOf(b.peers);
        this.detector = b.detector;
        this.repairs = b.repairs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates the image files in order, reporting each result to {@code progress} as it is done. */
    public InpaintReport run(String modelName, List<Path> files, Consumer<InpaintReport.Image> progress)
            throws IOException {
        List<InpaintReport.Image> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            InpaintReport.Image result =
                    evaluate(files.get(i).getFileName().toString(), ImageFiles.read(files.get(i)), seed + i);
            progress.accept(result);
            results.add(result);
        }
        return InpaintReport.of(
                modelName, masks.cliName(), seed, repairs ? inpainter.describe() : "detection only", results);
    }

    /** Scores one clean image with damage rendered from {@code damageSeed}. */
    public InpaintReport.Image evaluate(String name, FloatImage clean, long damageSeed) {
        Mask truth;
        Mask repair;
        FloatImage damaged;
        InpaintReport.Detection detection = null;
        if (masks == Masks.AUTO_SYNTHETIC) {
            SyntheticDamage.Damaged painted =
                    SyntheticDamage.scratched(clean, SyntheticDamage.SCRATCH_COVERAGE, damageSeed);
            truth = painted.mask();
            damaged = painted.image();
            repair = detector.detect(damaged);
            int found = repair.overlapCount(truth);
            detection = new InpaintReport.Detection(
                    found / (double) truth.count(),
                    repair.isEmpty() ? Double.NaN : found / (double) repair.count(),
                    repair.fraction(),
                    detector.detect(clean).fraction());
        } else {
            truth = masks == Masks.SCRATCH
                    ? SyntheticDamage.scratches(
                            clean.height(), clean.width(), SyntheticDamage.SCRATCH_COVERAGE, damageSeed)
                    : SyntheticDamage.box(clean.height(), clean.width(), 64, damageSeed);
            repair = truth;
            damaged = blackOut(clean, truth);
        }
        List<InpaintReport.Score> scores = new ArrayList<>();
        if (!repairs) {
            return new InpaintReport.Image(name, clean.height(), clean.width(), truth.fraction(), scores, detection);
        }
        FloatImage input = Awgn.quantize8Bit(damaged);
        long start = System.nanoTime();
        FloatImage repaired = repair.isEmpty() ? input : inpainter.inpaint(input, repair);
        scores.add(score(InpaintReport.MODEL, clean, repaired, truth, start));
        long guessStart = System.nanoTime();
        FloatImage guess =
                repair.isEmpty() ? input : HoleFill.fill(input, repair.resizedTo(input.height(), input.width()));
        scores.add(score(InpaintReport.FIRST_GUESS, clean, guess, truth, guessStart));
        for (PeerInpainter peer : peers) {
            long peerStart = System.nanoTime();
            FloatImage out = repair.isEmpty() ? input : peer.inpaint(input, repair);
            scores.add(score(peer.name(), clean, out, truth, peerStart));
        }
        return new InpaintReport.Image(name, clean.height(), clean.width(), truth.fraction(), scores, detection);
    }

    private static InpaintReport.Score score(String method, FloatImage clean, FloatImage out, Mask hole, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new InpaintReport.Score(
                method,
                InpaintMetrics.holePsnr(clean, out, hole),
                InpaintMetrics.holeSsim(clean, out, hole),
                Psnr.of8Bit(clean, out),
                InpaintMetrics.seam(clean, out, hole),
                seconds);
    }

    private static FloatImage blackOut(FloatImage image, Mask mask) {
        float[] out = image.toArray();
        int plane = image.height() * image.width();
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                if (mask.get(i / image.width(), i % image.width())) {
                    out[c * plane + i] = 0f;
                }
            }
        }
        return FloatImage.wrap(image.channels(), image.height(), image.width(), image.bitDepth(), out);
    }

    /** Builder: {@code setInpainter} and {@code setMasks} are required. */
    public static final class Builder {

        private MaskFill inpainter;
        private Masks masks;
        private long seed;
        private List<PeerInpainter> peers = List.of();
        private DamageDetector detector = DamageDetector.create();
        private boolean repairs = true;

        private Builder() {}

        /** The fill measured: RePaint ({@code Inpainter}) or a mask-conditioned restorer's. */
        public Builder setInpainter(MaskFill value) {
            this.inpainter = Objects.requireNonNull(value, "inpainter");
            return this;
        }

        public Builder setMasks(Masks value) {
            this.masks = Objects.requireNonNull(value, "masks");
            return this;
        }

        /** Seed of the rendered damage (image i uses {@code seed + i}; default 0). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        public Builder optPeers(List<PeerInpainter> value) {
            this.peers = List.copyOf(value);
            return this;
        }

        /** The detector of {@link Masks#AUTO_SYNTHETIC} (default {@link DamageDetector#create()}). */
        public Builder optDetector(DamageDetector value) {
            this.detector = Objects.requireNonNull(value, "detector");
            return this;
        }

        /**
         * Whether to repair the damage (default true); false measures only the detector of
         * {@link Masks#AUTO_SYNTHETIC}, which needs no network and runs in a fraction of the time.
         */
        public Builder optRepair(boolean value) {
            this.repairs = value;
            return this;
        }

        public InpaintBenchmark build() {
            if (!repairs && masks != Masks.AUTO_SYNTHETIC) {
                throw new IllegalArgumentException("only auto-synthetic masks can be evaluated without repairing them");
            }
            if ((repairs && inpainter == null) || masks == null) {
                throw new IllegalStateException("an inpaint benchmark needs setInpainter(...) and setMasks(...); "
                        + "only optRepair(false) (the detector alone) does without an inpainter");
            }
            return new InpaintBenchmark(this);
        }
    }
}
