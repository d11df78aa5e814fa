package dev.imagerestore.models.train;

import java.util.List;

/**
 * What the crop sources share: picking a folder by its weight, and the eight flips/rotations of a
 * square crop (the dihedral group D4). Immutable.
 */
final class CropSampling {

    private final double[] cumulativeWeights;

    CropSampling(List<TrainingImages.Source> sources) {
        cumulativeWeights = new double[sources.size()];
        double total =
                sources.stream().mapToDouble(TrainingImages.Source::weight).sum();
        double running = 0;
        for (int i = 0; i < sources.size(); i++) {
            running += sources.get(i).weight() / total;
            cumulativeWeights[i] = running;
        }
    }

    /** The folder a uniform draw {@code u} in [0, 1) picks. */
    int pickSource(double u) {
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (u < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }

    /**
     * The offset, in a row-major plane of {@code width} columns, of the source pixel that lands at
     * {@code (y, x)} of a {@code crop}-sided crop whose corner is {@code (y0, x0)} under transform
     * {@code k}: bit 2 transposes, bit 0 flips x, bit 1 flips y.
     */
    static int sourceOffset(int k, int crop, int y0, int x0, int y, int x, int width) {
        int sy = (k & 4) != 0 ? x : y;
        int sx = (k & 4) != 0 ? y : x;
        if ((k & 1) != 0) {
            sx = crop - 1 - sx;
        }
        if ((k & 2) != 0) {
            sy = crop - 1 - sy;
        }
        return (y0 + sy) * width + x0 + sx;
    }
}
