package dev.imagerestore.models.damage.internal;

/**
 * The seeds of a Voronoi diagram on a jittered unit grid, one per cell at a hashed place in the middle
 * 70 % of the cell (so a point's two nearest seeds lie in its 3x3 neighbourhood), tabulated over a
 * window of cells so that a query costs no hashing. A query gives the distance from a point to the
 * bisector of its two nearest seeds, {@code (d2^2 - d1^2) / (2 |s2 - s1|)} (the distance to their
 * shared Voronoi edge away from corners), and a key of that seed pair. Points outside the window are
 * clamped to its border cells. Mutable (the last query); one per element.
 */
final class CellSeeds {

    private final int x0;
    private final int y0;
    private final int columns;
    private final int rows;
    private final double[] xs;
    private final double[] ys;
    private double distance;
    private long pair;

    /** Seeds of the cells {@code [x0, x1] x [y0, y1]}. */
    CellSeeds(long key, int x0, int y0, int x1, int y1) {
        this.x0 = x0;
        this.y0 = y0;
        this.columns = x1 - x0 + 1;
        this.rows = y1 - y0 + 1;
        this.xs = new double[columns * rows];
        this.ys = new double[columns * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                long bits = Hash.lattice(key, x0 + i, y0 + j);
                xs[j * columns + i] = x0 + i + 0.15 + 0.7 * (bits >>> 32) * 0x1.0p-32;
                ys[j * columns + i] = y0 + j + 0.15 + 0.7 * (bits & 0xFFFFFFFFL) * 0x1.0p-32;
            }
        }
    }

    void locate(double u, double v) {
        int gx = Math.max(1, Math.min(columns - 2, (int) Math.floor(u) - x0));
        int gy = Math.max(1, Math.min(rows - 2, (int) Math.floor(v) - y0));
        double best = Double.MAX_VALUE;
        double second = Double.MAX_VALUE;
        int bestCell = 0;
        int secondCell = 0;
        for (int j = gy - 1; j <= gy + 1; j++) {
            for (int i = gx - 1; i <= gx + 1; i++) {
                int c = j * columns + i;
                double d2 = (xs[c] - u) * (xs[c] - u) + (ys[c] - v) * (ys[c] - v);
                if (d2 < best) {
                    second = best;
                    secondCell = bestCell;
                    best = d2;
                    bestCell = c;
                } else if (d2 < second) {
                    second = d2;
                    secondCell = c;
                }
            }
        }
        double dx = xs[secondCell] - xs[bestCell];
        double dy = ys[secondCell] - ys[bestCell];
        distance = (second - best) / (2 * Math.sqrt(dx * dx + dy * dy));
        pair = (long) Math.min(bestCell, secondCell) * columns * rows + Math.max(bestCell, secondCell);
    }

    /** The distance, in cells, from the last point located to the nearest Voronoi edge. */
    double distance() {
        return distance;
    }

    /** A key of the edge's two seeds, the same from either side. */
    long pair() {
        return pair;
    }
}
