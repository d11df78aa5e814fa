package dev.imagerestore.models.translate;

import dev.imagerestore.models.image.FloatImage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The synthetic looks of the depth-guided translation vocabulary: documented per-image transforms
 * of an RGB photograph, rendered on the fly during training (a folder labelled with a look's name
 * is shown to the network through the transform) and used by {@code eval depth2img} as the
 * reference the translation should approach. Every transform is deterministic and clamps to [0, 1].
 *
 * <ul>
 *   <li>{@code sepia-print}: the usual sepia matrix (rows 0.393 0.769 0.189 / 0.349 0.686 0.168 /
 *       0.272 0.534 0.131) applied to linear-in-file RGB.</li>
 *   <li>{@code night}: {@code (0.30, 0.40, 0.70) * x^1.8 + (0, 0.01, 0.03)} per channel: darker,
 *       with the mid-tones pushed down and a blue cast.</li>
 *   <li>{@code pencil-sketch}: the colour dodge of the luma Y (BT.601) with its blurred negative,
 *       {@code min(1, Y / blur(Y))}, blur a Gaussian of sigma 2 px with clamped edges; grey, as three
 *       equal channels.</li>
 * </ul>
 */
public enum Look {
    PENCIL_SKETCH("pencil-sketch"),
    SEPIA_PRINT("sepia-print"),
    NIGHT("night");

    static final double SKETCH_SIGMA = 2.0;
    private static final float[][] SEPIA = {{0.393f, 0.769f, 0.189f}, {0.349f, 0.686f, 0.168f}, {0.272f, 0.534f, 0.131f}
    };
    private static final float[] NIGHT_GAIN = {0.30f, 0.40f, 0.70f};
    private static final float[] NIGHT_FLOOR = {0f, 0.01f, 0.03f};

    private final String label;

    Look(String label) {
        this.label = label;
    }

    /** The label under which the look appears in a model's vocabulary. */
    public String label() {
        return label;
    }

    /** The look named {@code label}, if it is one. */
    public static Optional<Look> forLabel(String label) {
        return Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst();
    }

    /** The labels of all looks. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Look::label).toList();
    }

    /** The look of a three-channel image (a one-channel image is first made three equal channels). */
    public FloatImage apply(FloatImage image) {
        FloatImage rgb = image.channels() == 1 ? image.toThreeChannels() : image;
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("looks apply to RGB images, got " + rgb.channels() + " channels");
        }
        float[] samples = rgb.toArray();
        applyInPlace(samples, 0, rgb.height(), rgb.width());
        return FloatImage.wrap(3, rgb.height(), rgb.width(), rgb.bitDepth(), samples);
    }

    /** Applies the look to the planar RGB image at {@code offset} of {@code planes}. Modified: planes. */
    public void applyInPlace(float[] planes, int offset, int height, int width) {
        int plane = height * width;
        switch (this) {
            case SEPIA_PRINT -> mix(planes, offset, plane, SEPIA);
            case NIGHT -> {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < plane; i++) {
                        int k = offset + c * plane + i;
                        double v = Math.max(0, planes[k]);
                        planes[k] = clamp((float) (NIGHT_GAIN[c] * Math.pow(v, 1.8) + NIGHT_FLOOR[c]));
                    }
                }
            }
            case PENCIL_SKETCH -> {
                float[] luma = new float[plane];
                for (int i = 0; i < plane; i++) {
                    luma[i] = 0.299f * planes[offset + i]
                            + 0.587f * planes[offset + plane + i]
                            + 0.114f * planes[offset + 2 * plane + i];
                }
                float[] blurred = GaussianBlur.blur(luma, height, width, SKETCH_SIGMA);
                for (int i = 0; i < plane; i++) {
                    float v = clamp(luma[i] / Math.max(1e-3f, blurred[i]));
                    planes[offset + i] = v;
                    planes[offset + plane + i] = v;
                    planes[offset + 2 * plane + i] = v;
                }
            }
        }
    }

    private static void mix(float[] planes, int offset, int plane, float[][] matrix) {
        for (int i = 0; i < plane; i++) {
            float r = planes[offset + i];
            float g = planes[offset + plane + i];
            float b = planes[offset + 2 * plane + i];
            for (int c = 0; c < 3; c++) {
                planes[offset + c * plane + i] = clamp(matrix[c][0] * r + matrix[c][1] * g + matrix[c][2] * b);
            }
        }
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
