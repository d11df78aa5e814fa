package dev.imagerestore.models.damage.internal;

import dev.imagerestore.models.damage.DamageKind;
import java.util.List;

/**
 * Draws elements until a coverage target is met, never past a limit: each element is drawn with the
 * remaining pixels as its budget, counted on the canvas, and committed when it keeps the mask within
 * the limit; otherwise it is dropped and drawn again with half the budget (at most
 * {@value #RETRIES} times). The kind of each element is drawn by weight among the enabled kinds;
 * creases, tears and missing corners appear at most twice per image while other kinds are left to
 * draw (alone, they are drawn until the target is met). Not thread-safe; one per render.
 */
public final class Composer {

    /** Elements per image at most, whatever their size. */
    public static final int MAX_ELEMENTS = 400;

    private static final int RETRIES = 8;

    private final Stage stage;
    private final Canvas canvas;
    private final int[] counts = new int[DamageKind.values().length];
    private final int[] drawn = new int[DamageKind.values().length];

    public Composer(Stage stage, Canvas canvas) {
        this.stage = stage;
        this.canvas = canvas;
    }

    /** Stains until {@code target} pixels are stained, at most {@code limit}. */
    public void stains(long target, long limit) {
        for (int n = 0; n < MAX_ELEMENTS && canvas.stained() < target; n++) {
            double budget = target - canvas.stained();
            for (int retry = 0; retry < RETRIES; retry++, budget /= 2) {
                stage.begin();
                Foxing.paint(stage, budget);
                if (canvas.stained() + canvas.toneAdded(stage.tone) <= limit) {
                    counts[DamageKind.STAIN.ordinal()] += canvas.commitTone(stage.tone);
                    stage.loss.clear();
                    break;
                }
                stage.discard();
            }
        }
    }

    /** Damage of {@code kinds} (all masking) until {@code target} pixels are lost, at most {@code limit}. */
    public void damage(List<DamageKind> kinds, long target, long limit) {
        for (int n = 0; n < MAX_ELEMENTS && canvas.lost() < target; n++) {
            DamageKind kind = pick(kinds);
            if (kind == null) {
                return;
            }
            double budget = target - canvas.lost();
            for (int retry = 0; retry < RETRIES; retry++, budget /= 2) {
                stage.begin();
                painter(kind).paint(stage, budget);
                if (canvas.lost() + canvas.lossAdded(stage.loss) <= limit) {
                    counts[kind.ordinal()] += canvas.commitLoss(stage.loss);
                    canvas.commitTone(stage.tone);
                    drawn[kind.ordinal()]++;
                    break;
                }
                stage.discard();
            }
        }
    }

    /** Pixels added per kind, by ordinal. */
    public int[] counts() {
        return counts.clone();
    }

    private DamageKind pick(List<DamageKind> kinds) {
        boolean limited = kinds.stream().anyMatch(k -> available(k, true));
        double total = 0;
        for (DamageKind k : kinds) {
            total += available(k, limited) ? weight(k) : 0;
        }
        double r = stage.random.nextDouble() * total;
        for (DamageKind k : kinds) {
            r -= available(k, limited) ? weight(k) : 0;
            if (r < 0 && available(k, limited)) {
                return k;
            }
        }
        return null;
    }

    /** Whether {@code kind} may be drawn again; with {@code limited} false (nothing else left), always. */
    private boolean available(DamageKind kind, boolean limited) {
        return switch (kind) {
            case CREASE, TEAR, MISSING_CORNER -> !limited || drawn[kind.ordinal()] < 2;
            default -> true;
        };
    }

    private static double weight(DamageKind kind) {
        return switch (kind) {
            case CRACKS -> 3;
            case SCRATCH, DUST -> 2;
            case LINT_AND_HAIR -> 1.5;
            case CREASE -> 0.7;
            case TEAR, MISSING_CORNER -> 0.5;
            case STAIN -> 0;
        };
    }

    private static Painter painter(DamageKind kind) {
        return switch (kind) {
            case CRACKS -> Craquelure::paint;
            case CREASE -> Crease::paint;
            case SCRATCH -> Scratches::paint;
            case TEAR -> EdgeLoss::tear;
            case MISSING_CORNER -> EdgeLoss::corner;
            case DUST -> Specks::paint;
            case LINT_AND_HAIR -> Fibres::paint;
            case STAIN -> throw new IllegalArgumentException("stains change tone only; draw them with stains()");
        };
    }
}
