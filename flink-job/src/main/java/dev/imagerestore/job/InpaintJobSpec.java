package dev.imagerestore.job;

import dev.imagerestore.models.inpaint.InpaintSettings;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inpaint.MaskSource;
import java.util.Objects;

/**
 * The inpainting part of a {@link RestoreJobSpec}: where masks come from and how RePaint runs.
 * Validated on construction (the sampler settings again when the job builds its inpainter).
 * Immutable.
 *
 * @param masks sidecar files, a mask folder, or automatic detection
 * @param steps DDIM steps
 * @param jumpLength RePaint jump length, in steps
 * @param jumpRepeats RePaint resampling repeats (1 = none)
 * @param feather feathered band outside the mask, pixels (0 keeps every outside pixel bit-identical)
 */
public record InpaintJobSpec(MaskSource masks, int steps, int jumpLength, int jumpRepeats, int feather) {

    public InpaintJobSpec {
        Objects.requireNonNull(masks, "masks");
        if (steps < 1 || jumpLength < 1 || jumpRepeats < 1) {
            throw new IllegalArgumentException("--steps, --jump-length and --jump-repeats must be >= 1, got " + steps
                    + ", " + jumpLength + " and " + jumpRepeats);
        }
        if (feather < 0) {
            throw new IllegalArgumentException("--feather must be >= 0, got " + feather);
        }
    }

    /** The inpainter's settings: these, the job's seed, and the inference stage's tiling and batch size. */
    public InpaintSettings settings(long seed, InferenceSettings inference) {
        return new InpaintSettings(steps, jumpLength, jumpRepeats, 0, 1, seed, inference.tileSize(), inference.overlap(),
                inference.batching().maxBatch(), feather);
    }

    /** Sidecar masks, 20 steps, jumps of 5 repeated twice, no feather. */
    public static InpaintJobSpec defaults() {
        return new InpaintJobSpec(MaskSource.sidecar(), 20, 5, 2, 0);
    }
}
