package dev.imagerestore.operators.files;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human-readable sizes for error messages: "1.6 Gpx", "250 Mpx", "1.5 GiB". */
public final class Sizes {

    private Sizes() {}

    /** A pixel count in decimal units (px, kpx, Mpx, Gpx), at most one decimal. */
    public static String pixels(long count) {
        return scaled(count, 1000, new String[] {"px", "kpx", "Mpx", "Gpx", "Tpx"});
    }

    /** A byte count in binary units (bytes, KiB, MiB, GiB, TiB), at most one decimal. */
    public static String bytes(long count) {
        return count < 1024
                ? count + " bytes"
                : scaled(count, 1024, new String[] {"bytes", "KiB", "MiB", "GiB", "TiB"});
    }

    private static String scaled(long count, int base, String[] units) {
        double value = count;
        int unit = 0;
        while (value >= base && unit < units.length - 1) {
            value /= base;
            unit++;
        }
        BigDecimal rounded =
                BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.toPlainString() + " " + units[unit];
    }
}
