package dev.imagerestore.models.unet;

import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of the noise-predicting UNet. Immutable and validated on construction.
 *
 * <p>The network sees {@code imageChannels + conditionChannels} input channels (the noisy image,
 * then any conditioning such as a mask or a depth map) and predicts {@code imageChannels} channels
 * of noise. One resolution level per entry of {@code widths}; each level but the last halves the
 * spatial size, so an input side must be a multiple of {@code 2^(widths.size() - 1)}.
 *
 * @param imageChannels channels of the image being denoised (3: grayscale images are fed as three
 *     equal channels)
 * @param conditionChannels extra conditioning channels concatenated to the input, 0 for none
 * @param widths feature channels per resolution level, highest resolution first. Keep every width
 *     at 16 or more for training on CPUs with AVX-512: oneDNN 3.7.1 (PyTorch 2.7.1) computes wrong
 *     backward gradients for 3x3 convolutions with fewer than 16 output channels there; inference
 *     is unaffected
 * @param resBlocksPerLevel residual blocks per level on the way down (one more on the way up)
 * @param attentionAtLowest whether the lowest resolution has a self-attention block
 * @param groups GroupNorm groups; every width must be divisible by it
 * @param labelCount size of the target-label vocabulary, 0 for an unconditional model; index
 *     {@code labelCount} is the "no label" token used for classifier-free guidance
 */
public record UNetConfig(
        int imageChannels,
        int conditionChannels,
        List<Integer> widths,
        int resBlocksPerLevel,
        boolean attentionAtLowest,
        int groups,
        int labelCount) {

    public UNetConfig {
        Objects.requireNonNull(widths, "widths");
        widths = List.copyOf(widths);
        if (imageChannels < 1) {
            throw new IllegalArgumentException("imageChannels must be >= 1, got " + imageChannels);
        }
        if (conditionChannels < 0) {
            throw new IllegalArgumentException("conditionChannels must be >= 0, got " + conditionChannels);
        }
        if (widths.size() < 3) {
            throw new IllegalArgumentException("the UNet needs at least three resolution levels, got widths " + widths);
        }
        if (resBlocksPerLevel < 1) {
            throw new IllegalArgumentException("resBlocksPerLevel must be >= 1, got " + resBlocksPerLevel);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        for (int w : widths) {
            if (w < 1 || w % groups != 0) {
                throw new IllegalArgumentException(
                        "every width must be a positive multiple of groups=" + groups + ", got widths " + widths);
            }
        }
        if (labelCount < 0) {
            throw new IllegalArgumentException("labelCount must be >= 0, got " + labelCount);
        }
    }

    /** The default restoration UNet: RGB in, four levels of widths 16/32/64/128, two residual blocks each. */
    public static UNetConfig defaultDenoiser() {
        return new UNetConfig(3, 0, List.of(16, 32, 64, 128), 2, false, 8, 0);
    }

    /** Input channels the first convolution expects. */
    public int inputChannels() {
        return imageChannels + conditionChannels;
    }

    /** Width of the timestep embedding: four times the first level's width, as in DDPM. */
    public int embeddingWidth() {
        return 4 * widths.get(0);
    }

    /** The spatial multiple every input side must have. */
    public int sizeMultiple() {
        return 1 << (widths.size() - 1);
    }

    public UNetConfig withConditionChannels(int channels) {
        return new UNetConfig(
                imageChannels, channels, widths, resBlocksPerLevel, attentionAtLowest, groups, labelCount);
    }

    public UNetConfig withLabelCount(int labels) {
        return new UNetConfig(
                imageChannels, conditionChannels, widths, resBlocksPerLevel, attentionAtLowest, groups, labels);
    }
}
