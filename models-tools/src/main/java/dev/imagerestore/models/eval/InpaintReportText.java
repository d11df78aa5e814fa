package dev.imagerestore.models.eval;

import java.util.List;
import java.util.Locale;

/** Plain-text lines of an {@link InpaintReport}, aligned in columns, for the console. */
public final class InpaintReportText {

    private InpaintReportText() {}

    /** The column heads, matching {@link #line}: per method hole PSNR, hole SSIM, image PSNR, seam, seconds. */
    public static String header(List<String> methods, boolean detection) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s %8s %7s", "image", "size", "masked"));
        if (detection) {
            s.append(String.format(Locale.ROOT, " %6s %6s %6s", "recall", "prec.", "clean"));
        }
        for (String method : methods) {
            s.append(String.format(Locale.ROOT, " | %-34s", method + ": hole dB/SSIM, dB, seam, s"));
        }
        return s.toString();
    }

    /** One image's scores. */
    public static String line(InpaintReport.Image r) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT, "%-14s %8s %6.2f%%", r.file(), r.width() + "x" + r.height(), 100 * r.maskedFraction()));
        detection(s, r.detection());
        r.scores().forEach(score -> score(s, score));
        return s.toString();
    }

    /** The mean line. */
    public static String summary(InpaintReport report) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%-14s %8s %6.2f%%",
                "mean of " + report.images().size(),
                "",
                100 * report.meanMaskedFraction()));
        detection(s, report.meanDetection());
        report.means().values().forEach(score -> score(s, score));
        return s.toString();
    }

    private static void detection(StringBuilder s, InpaintReport.Detection d) {
        if (d != null) {
            s.append(String.format(
                    Locale.ROOT,
                    " %5.1f%% %5.1f%% %5.2f%%",
                    100 * d.recall(),
                    100 * d.precision(),
                    100 * d.cleanFraction()));
        }
    }

    private static void score(StringBuilder s, InpaintReport.Score score) {
        s.append(String.format(
                Locale.ROOT,
                " | %6.2f %6.4f %6.2f %6.2f %6.2f",
                score.holePsnr(),
                score.holeSsim(),
                score.psnr(),
                score.seam(),
                score.seconds()));
    }
}
