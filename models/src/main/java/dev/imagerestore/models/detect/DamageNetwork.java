package dev.imagerestore.models.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.unet.UNetConfig;
import java.util.List;

/**
 * How the project's UNet serves as a per-pixel damage detector: the same residual UNet as the
 * diffusion models, with the RGB image as its three conditioning channels, zeros as its image
 * channel and timestep 0 (a plain image-to-image network, as {@code depth.DepthNetwork} uses it), and
 * one output channel, the logit of the probability that the pixel's content is lost (a crack, crease,
 * scratch, tear, missing corner, dust or hair; a stain that only changes tone is not damage).
 * Reusing the UNet keeps one architecture, one weights format and one card format. Stateless.
 */
public final class DamageNetwork {

    /** What the card's {@code prediction} field says for a damage detector. */
    public static final String PREDICTION = "damage-logit";
    /** The card's condition names for a damage detector: the RGB image. */
    public static final List<String> CONDITIONS = List.of("red", "green", "blue");
    /** The probability from which a pixel is flagged, unless the card or the caller says otherwise. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private DamageNetwork() {}

    /**
     * The UNet hyper-parameters of a detector with these widths (keep every width at 16 or more, see
     * {@link UNetConfig}).
     */
    public static UNetConfig architecture(List<Integer> widths, int resBlocks, boolean attention, int groups) {
        return new UNetConfig(1, CONDITIONS.size(), widths, resBlocks, attention, groups, 0);
    }

    /**
     * The network inputs {@code [x (B, 4, H, W), t (B)]} for a planar batch of RGB images in [0, 1]
     * ({@code B * 3 * H * W} values), created on {@code manager}, which owns them.
     */
    public static NDList inputs(NDManager manager, float[] rgb, int batch, int height, int width) {
        NDArray image = NativeArrays.create(manager, rgb, new Shape(batch, 3, height, width))
                .mul(2)
                .sub(1);
        NDArray x = manager.zeros(new Shape(batch, 1, height, width)).concat(image, 1);
        return new NDList(x, manager.zeros(new Shape(batch)));
    }
}
