package dev.imagerestore.models.depth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.unet.UNetConfig;
import java.util.List;

/**
 * How the project's UNet serves as a monocular depth regressor: the same residual UNet as the
 * diffusion models, with one output channel, the log depth, and the RGB image as its three
 * conditioning channels. The noisy-image channel is fed zeros and the timestep 0, so the network
 * is a plain image-to-image regressor; reusing the UNet keeps one architecture, one weights format
 * and one card format in the project. Stateless.
 *
 * <p>Output {@code o} maps to depth {@code exp(o + LOG_OFFSET)} metres, so an untrained network
 * (o near 0) starts at e = 2.7 m, the middle of NYUv2's range.
 */
public final class DepthNetwork {

    /** Added to the network output to give log metres. */
    public static final float LOG_OFFSET = 1f;
    /** What the card's {@code prediction} field says for a depth estimator. */
    public static final String PREDICTION = "log-depth";
    /** The card's condition names for a depth estimator: the RGB image. */
    public static final List<String> CONDITIONS = List.of("red", "green", "blue");

    private DepthNetwork() {}

    /** The UNet hyper-parameters of a depth estimator with these widths. */
    public static UNetConfig architecture(List<Integer> widths, int resBlocks, boolean attention, int groups) {
        return new UNetConfig(1, 3, widths, resBlocks, attention, groups, 0);
    }

    /**
     * The network inputs {@code [x (B, 4, H, W), t (B)]} for a planar batch of RGB images in [0, 1]
     * ({@code B * 3 * H * W} values), on {@code manager}.
     */
    public static NDList inputs(NDManager manager, float[] rgb, int batch, int height, int width) {
        NDArray image = NativeArrays.create(manager, rgb, new Shape(batch, 3, height, width))
                .mul(2)
                .sub(1);
        NDArray x = manager.zeros(new Shape(batch, 1, height, width)).concat(image, 1);
        return new NDList(x, manager.zeros(new Shape(batch)));
    }
}
