package dev.imagerestore.job;

import dev.imagerestore.models.translate.Encoding;
import java.io.Serializable;
import java.util.Objects;

/**
 * The settings of the {@code depth2img} task, travelling inside the job graph (paths as strings).
 * Immutable; validated on construction. Where it runs (device, CPU threads, images in flight,
 * timeout) is the inference stage's, as for every task.
 *
 * @param model the depth- and label-conditioned model directory
 * @param target the target label
 * @param strength SDEdit strength in (0, 1]
 * @param steps DDIM steps of a full run ({@code strength * steps} run)
 * @param guidance classifier-free guidance scale
 * @param seed noise seed (each image's noise field is keyed by its relative path)
 * @param encoding how the noisy start is reached: SDEdit's noise or DDIM inversion under {@code source}
 * @param source the label inputs are inverted under
 * @param tileSize tile side
 * @param overlap tile overlap
 * @param batch tiles per forward pass
 * @param depthDirectory folder mirroring the input with depth maps, or null
 * @param convention {@code depth} or {@code disparity}
 * @param estimator the built-in estimator's model directory
 * @param torchScriptEstimator a TorchScript estimator replacing it, or null
 * @param torchScriptSize the TorchScript estimator's shorter input side
 */
public record Depth2ImgSettings(
        String model,
        String target,
        double strength,
        int steps,
        double guidance,
        long seed,
        Encoding encoding,
        String source,
        int tileSize,
        int overlap,
        int batch,
        String depthDirectory,
        String convention,
        String estimator,
        String torchScriptEstimator,
        int torchScriptSize)
        implements Serializable {

    public Depth2ImgSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(convention, "convention");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(source, "source");
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("--strength must be in (0, 1], got " + strength);
        }
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("--steps and --batch must be >= 1, got " + steps + ", " + batch);
        }
    }

    /** The parameters as the run report records them. */
    public String describe(String depthSource) {
        String start =
                encoding == Encoding.INVERSION ? "encoding=inversion source=" + source : "encoding=noise seed=" + seed;
        return String.format(
                java.util.Locale.ROOT,
                "depth2img target=%s strength=%s steps=%d guidance=%s %s depth=%s",
                target,
                strength,
                Math.max(1, Math.round(strength * steps)),
                guidance,
                start,
                depthSource);
    }
}
