package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.sampler.SamplerKind;
import java.io.Serializable;
import java.util.Objects;

/**
 * The settings of an {@link Inpainter}, validated on construction. Immutable and serializable (a job
 * ships them to its TaskManagers).
 *
 * @param steps sampler steps from the start timestep to the clean image
 * @param jumpLength levels RePaint jumps back ({@link ResamplingSchedule})
 * @param jumpRepeats times each jumped segment is denoised (1 = no resampling)
 * @param samples independent RePaint draws averaged into the result: 1 returns one sample of the
 *     fill (sharpest), more approach the posterior mean (closest to the original on average)
 * @param eta DDIM eta in [0, 1] for the unknown region
 * @param strength start at {@code strength} of the schedule ({@code 1} = pure noise, as RePaint;
 *     below 1 the run starts from the noised {@link dev.imagerestore.models.inpaint.HoleFill})
 * @param seed seed of the counter-based noise
 * @param tileSize tile side, a multiple of the network's size multiple
 * @param overlap pixels shared by neighbouring tiles
 * @param batchSize tiles per network evaluation
 * @param feather width in pixels of the band outside the mask that is blended into the fill (0 =
 *     every pixel outside the mask is kept bit for bit)
 * @param sampler the scheduler RePaint's walk steps (DDIM unless another is asked for)
 */
public record InpaintSettings(
        int steps,
        int jumpLength,
        int jumpRepeats,
        int samples,
        double eta,
        double strength,
        long seed,
        int tileSize,
        int overlap,
        int batchSize,
        int feather,
        SamplerKind sampler)
        implements Serializable {

    /** The widest feathered band, in pixels. */
    public static final int MAX_FEATHER = 64;

    /** The most draws averaged. */
    public static final int MAX_SAMPLES = 64;

    public InpaintSettings {
        Objects.requireNonNull(sampler, "sampler");
        ResamplingSchedule.of(steps, jumpLength, jumpRepeats);
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples " + samples + " must be in [1, " + MAX_SAMPLES
                    + "] (1 = one draw, more = closer to the posterior mean)");
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in [0, 1] (0 = deterministic DDIM), got " + eta);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException(
                    "strength must be in (0, 1] (1 = start from pure noise), got " + strength);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (feather < 0 || feather > MAX_FEATHER) {
            throw new IllegalArgumentException("feather " + feather + " must be in [0, " + MAX_FEATHER + "] pixels");
        }
    }

    /** The settings with RePaint's DDIM sampler. */
    public InpaintSettings(
            int steps,
            int jumpLength,
            int jumpRepeats,
            int samples,
            double eta,
            double strength,
            long seed,
            int tileSize,
            int overlap,
            int batchSize,
            int feather) {
        this(
                steps,
                jumpLength,
                jumpRepeats,
                samples,
                eta,
                strength,
                seed,
                tileSize,
                overlap,
                batchSize,
                feather,
                SamplerKind.DDIM);
    }
}
