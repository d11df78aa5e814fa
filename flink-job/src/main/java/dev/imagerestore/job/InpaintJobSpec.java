package dev.imagerestore.job;

import dev.imagerestore.models.inpaint.InpaintSettings;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inpaint.MaskSource;
import java.io.Serializable;
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
 * @param samples RePaint draws averaged (1 = one sample)
 * @param feather feathered band outside the mask, pixels (0 keeps every outside pixel bit-identical)
 * @param strength fraction of the schedule to start from (1 = pure noise)
 */
public record InpaintJobSpec(
        MaskSource masks, int steps, int jumpLength, int jumpRepeats, int samples, int feather, double strength)
        implements Serializable {

    public InpaintJobSpec {
        Objects.requireNonNull(masks, "masks");
        if (steps < 1 || jumpLength < 1 || jumpRepeats < 1 || samples < 1) {
            throw new IllegalArgumentException("--steps, --jump-length, --jump-repeats and --samples must be >= 1, got "
                    + steps + ", " + jumpLength + ", " + jumpRepeats + " and " + samples);
        }
        if (feather < 0) {
            throw new IllegalArgumentException("--feather must be >= 0, got " + feather);
        }
    }

    /** The inpainter's settings: these, the job's seed, and the inference stage's tiling and batch size. */
    public InpaintSettings settings(long seed, InferenceSettings inference) {
        return new InpaintSettings(
                steps,
                jumpLength,
                jumpRepeats,
                samples,
                0,
                strength,
                seed,
                inference.tileSize(),
                inference.overlap(),
                inference.batching().maxBatch(),
                feather);
    }

    /** Sidecar masks, the inpainter's default steps, jumps, draws and strength, no feather. */
    public static InpaintJobSpec defaults() {
        return new InpaintJobSpec(
                MaskSource.sidecar(),
                Inpainter.DEFAULT_STEPS,
                Inpainter.DEFAULT_JUMP_LENGTH,
                Inpainter.DEFAULT_JUMP_REPEATS,
                Inpainter.DEFAULT_SAMPLES,
                0,
                Inpainter.DEFAULT_STRENGTH);
    }
}
