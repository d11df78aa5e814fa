package dev.imagerestore.models.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNetConfig;
import java.util.List;

/**
 * How the project's UNet serves as a blind restoration diffusion model, conditioned on the degraded
 * image as SR3 and Palette condition theirs (Saharia et al., 2021/2022): the input is the diffusion
 * state {@code x_t} (3 channels) followed by the degraded image and a damage mask as
 * {@link #CONDITIONS}; the output is the clean image's difference from the degraded one,
 * {@code x_0 - y} on the [-1, 1] scale ({@link #PREDICTION}). Predicting the residual keeps an
 * untrained or unsure network close to the identity, which is what a clean input needs.
 *
 * <p>{@code t = T - 1} is the one-step mode: the state is empty ({@code x_t = 0}, the expectation of
 * a state that holds 0.6 % of the signal), so the network's prediction there is its estimate of the
 * clean image from the degraded one alone, the posterior mean that restoration returns by default.
 * A draw of pure noise there would carry no information and leak into the output until the network
 * learnt to reject it. Smaller {@code t}, with the usual noisy state, serve refinement sampling,
 * which starts at {@link #refinementStart}. Stateless.
 */
public final class RestorationNetwork {

    /** What the card's {@code prediction} field says for a restorer. */
    public static final String PREDICTION = "x0-residual";
    /** The card's condition names: the degraded image, then the damage mask (1 = to be filled). */
    public static final List<String> CONDITIONS = List.of("degraded-red", "degraded-green", "degraded-blue", "mask");

    private RestorationNetwork() {}

    /** The timestep refinement sampling starts at, with a pure-noise state: {@code T - 2}, below the one-step mode. */
    public static double refinementStart(NoiseSchedule schedule) {
        return schedule.steps() - 2;
    }

    /** The UNet hyper-parameters of a restorer with these widths. */
    public static UNetConfig architecture(List<Integer> widths, int resBlocks, boolean attention, int groups) {
        return new UNetConfig(3, CONDITIONS.size(), widths, resBlocks, attention, groups, 0);
    }

    /**
     * The network input {@code (B, 7, H, W)}: {@code xt} and the degraded image {@code y}, both on
     * the [-1, 1] scale, and the mask in [0, 1], each {@code (B, C, H, W)} with 3, 3 and 1 channels.
     * The returned array is attached to {@code manager}.
     */
    public static NDArray input(NDArray xt, NDArray y, NDArray mask) {
        return xt.concat(y, 1).concat(mask, 1);
    }

    /** {@code [input, t]} for a batch whose planar values are on the [0, 1] scale for y and mask. */
    public static NDList inputs(
            NDManager manager,
            NDArray xt,
            float[] degraded,
            float[] mask,
            float[] t,
            int batch,
            int height,
            int width) {
        NDArray y = NativeArrays.create(manager, degraded, new Shape(batch, 3, height, width))
                .mul(2)
                .sub(1);
        NDArray m = NativeArrays.create(manager, mask, new Shape(batch, 1, height, width));
        return new NDList(input(xt, y, m), NativeArrays.create(manager, t));
    }
}
