package dev.imagerestore.models.inpaint.internal;

/**
 * Binary opening by line segments in many directions (a directional morphological filter, Soille
 * and Talbot, "Directional morphological filtering", IEEE PAMI 2001), restricted to isolated lines:
 * a pixel is kept when it lies on a straight segment of {@code length} pixels, in one of
 * {@code directions} evenly spaced directions over 180 degrees, whose pixels are all set and whose
 * two ends and centre have unset pixels {@code clearance} pixels away on both sides, across the
 * segment. Lines and gently bent curves narrower than {@code clearance} survive; specks, short or
 * meandering details and the inside of dense texture vanish. Stateless.
 */
public final class LineOpening {

    private LineOpening() {}

    /** The union over directions of the openings of {@code set} ({@code h x w}, row-major). */
    public static boolean[] open(boolean[] set, int h, int w, int length, int directions, int clearance) {
        boolean[] out = new boolean[set.length];
        int half = length / 2;
        int[] dy = new int[2 * half + 1];
        int[] dx = new int[2 * half + 1];
        for (int d = 0; d < directions; d++) {
            double angle = Math.PI * d / directions;
            for (int k = -half; k <= half; k++) {
                dy[k + half] = (int) Math.round(k * Math.sin(angle));
                dx[k + half] = (int) Math.round(k * Math.cos(angle));
            }
            int sideY = (int) Math.round(clearance * Math.cos(angle));
            int sideX = (int) Math.round(-clearance * Math.sin(angle));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (set[y * w + x] && fits(set, h, w, y, x, dy, dx) && clear(set, h, w, y, x, dy, dx, sideY, sideX)) {
                        for (int k = 0; k < dy.length; k++) {
                            out[(y + dy[k]) * w + x + dx[k]] = true;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether the ends and the centre of the segment have unset pixels on both sides (outside the image counts). */
    private static boolean clear(boolean[] set, int h, int w, int y, int x, int[] dy, int[] dx, int sideY, int sideX) {
        for (int k : new int[] {0, dy.length / 2, dy.length - 1}) {
            for (int sign = -1; sign <= 1; sign += 2) {
                int ny = y + dy[k] + sign * sideY;
                int nx = x + dx[k] + sign * sideX;
                if (ny >= 0 && ny < h && nx >= 0 && nx < w && set[ny * w + nx]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean fits(boolean[] set, int h, int w, int y, int x, int[] dy, int[] dx) {
        for (int k = 0; k < dy.length; k++) {
            int ny = y + dy[k];
            int nx = x + dx[k];
            if (ny < 0 || ny >= h || nx < 0 || nx >= w || !set[ny * w + nx]) {
                return false;
            }
        }
        return true;
    }
}
