package dev.imagerestore.models.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text lines of a {@link DenoiseReport}, aligned in columns, for the console. */
public final class ReportText {

    private ReportText() {}

    /** The column heads, matching {@link #line}. */
    public static String header(boolean blind, boolean refined, List<String> peers) {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "%-28s %9s %9s %7s %8s", "image", "size", "noisy dB", "PSNR", "SSIM"));
        if (refined) {
            s.append(String.format(Locale.ROOT, " %9s %8s", "refined", "r-SSIM"));
        }
        if (blind) {
            s.append(String.format(Locale.ROOT, " %7s %7s", "sigma^", "error"));
        }
        s.append(String.format(Locale.ROOT, " %8s", "s/Mpx"));
        for (String peer : peers) {
            s.append(String.format(Locale.ROOT, " | %-22s", peer + " dB/SSIM"));
        }
        return s.toString();
    }

    /** One image's scores. */
    public static String line(ImageResult r) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%-28s %9s %9.2f %7.2f %8.4f",
                r.file(),
                r.width() + "x" + r.height(),
                r.noisyPsnr(),
                r.psnr(),
                r.ssim()));
        if (r.refinedPsnr() != null) {
            s.append(String.format(Locale.ROOT, " %9.2f %8.4f", r.refinedPsnr(), r.refinedSsim()));
        }
        if (r.estimatedSigma() != null) {
            s.append(String.format(Locale.ROOT, " %7.2f %+7.2f", r.estimatedSigma(), r.sigmaError()));
        }
        s.append(String.format(Locale.ROOT, " %8.2f", r.secondsPerMegapixel()));
        for (ImageResult.PeerScore p : r.peers()) {
            s.append(String.format(
                    Locale.ROOT, " | %6.2f %6.4f %s=%-4s", p.psnr(), p.ssim(), p.parameterName(), trim(p.parameter())));
        }
        return s.toString();
    }

    /** The mean line and, for blind runs, the mean absolute sigma error. */
    public static String summary(DenoiseReport report) {
        DenoiseReport.Means m = report.mean();
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%-28s %9s %9.2f %7.2f %8.4f",
                "mean of " + report.images().size(),
                "",
                m.noisyPsnr(),
                m.psnr(),
                m.ssim()));
        if (m.refinedPsnr() != null) {
            s.append(String.format(Locale.ROOT, " %9.2f %8.4f", m.refinedPsnr(), m.refinedSsim()));
        }
        if (m.sigmaAbsoluteError() != null) {
            s.append(String.format(Locale.ROOT, " %7s %7.2f", "|err|", m.sigmaAbsoluteError()));
        }
        s.append(String.format(Locale.ROOT, " %8.2f", m.secondsPerMegapixel()));
        for (Map.Entry<String, DenoiseReport.PeerMean> p : m.peers().entrySet()) {
            s.append(String.format(
                    Locale.ROOT,
                    " | %6.2f %6.4f %-6s",
                    p.getValue().psnr(),
                    p.getValue().ssim(),
                    ""));
        }
        return s.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
