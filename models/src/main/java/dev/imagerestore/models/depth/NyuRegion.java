package dev.imagerestore.models.depth;

import java.util.Locale;

/**
 * Which pixels of an NYUv2 frame a depth evaluation scores. The estimator always sees the whole
 * border-cropped frame of {@link NyuV2#read}; the region only selects the ground truth that counts.
 */
public enum NyuRegion {
    /** Every pixel of the border-cropped frame, whatever its size (the bounds are not used). */
    BORDER_CROPPED(0, 0, 0, 0),
    /**
     * The centre crop of Eigen, Puhrsch and Fergus (NeurIPS 2014), rows 45 to 470 and columns 41 to
     * 600 of the 640x480 frame: where the Kinect's depth is measured rather than filled in. Their
     * published figures, and most that followed, are measured on it.
     */
    EIGEN(45, 471, 41, 601);

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    NyuRegion(int top, int bottom, int left, int right) {
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /**
     * A copy of {@code truth} (a border-cropped frame, {@code width x height}) with every pixel
     * outside this region set to 0, which lies outside any evaluation depth range.
     *
     * @throws IllegalArgumentException if the region is {@link #EIGEN} and the plane is not a
     *     border-cropped 640x480 frame
     */
    public float[] mask(float[] truth, int width, int height) {
        if (truth.length != width * height) {
            throw new IllegalArgumentException(
                    "depth plane has " + truth.length + " values, not " + width + "x" + height);
        }
        if (this == BORDER_CROPPED) {
            return truth.clone();
        }
        int frameWidth = width + 2 * NyuV2.BORDER;
        int frameHeight = height + 2 * NyuV2.BORDER;
        if (frameWidth != 640 || frameHeight != 480) {
            throw new IllegalArgumentException("region " + this + " is defined on 640x480 NYUv2 frames, but this "
                    + "frame is " + frameWidth + "x" + frameHeight + "; use --region border-cropped for other sizes");
        }
        float[] out = new float[truth.length];
        for (int y = 0; y < height; y++) {
            int frameY = y + NyuV2.BORDER;
            if (frameY < top || frameY >= bottom) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                int frameX = x + NyuV2.BORDER;
                if (frameX >= left && frameX < right) {
                    out[y * width + x] = truth[y * width + x];
                }
            }
        }
        return out;
    }

    /** The command-line name: {@code border-cropped} or {@code eigen}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The region with that command-line name, any case, naming the accepted values when there is none. */
    public static NyuRegion parse(String value) {
        for (NyuRegion region : values()) {
            if (region.cliName().equalsIgnoreCase(value.trim())) {
                return region;
            }
        }
        throw new IllegalArgumentException("--region must be border-cropped or eigen, got '" + value + "'");
    }

    /** How the report names the region. */
    public String describe() {
        return this == EIGEN
                ? "Eigen crop, rows " + top + "-" + (bottom - 1) + " and columns " + left + "-" + (right - 1)
                        + " of the 640x480 frame"
                : NyuV2.BORDER + "-pixel border cropped";
    }
}
