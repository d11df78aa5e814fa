package dev.imagerestore.models.eval;

import dev.imagerestore.models.sampler.SamplerKind;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG of a {@link SamplerSweep}: one panel per task, PSNR against network evaluations, one line per
 * sampler, and where the sweep measured it a panel of the ODE solvers' distance to the ODE's solution
 * (XChart, rendered off-screen).
 */
public final class SamplerSweepPlot {

    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 440;
    /** One colour per sampler, by {@link SamplerKind} order, the same in every panel. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4),
        new Color(0xff7f0e),
        new Color(0x9467bd),
        new Color(0x2ca02c),
        new Color(0xd62728),
        new Color(0xbcbd22)
    };

    private SamplerSweepPlot() {}

    /** Writes the plot of {@code points} to {@code file} (PNG), replacing it. */
    public static void write(List<SamplerSweep.Point> points, String title, Path file) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        for (SamplerSweep.Task task : SamplerSweep.Task.values()) {
            List<SamplerSweep.Point> of =
                    points.stream().filter(p -> p.task() == task).toList();
            if (!of.isEmpty()) {
                boolean denoise = task == SamplerSweep.Task.DENOISE;
                panels.add(panel(
                        title + ": " + (denoise ? "denoising refinement" : "inpainting"),
                        denoise ? "PSNR (dB)" : "PSNR in the hole (dB)",
                        of,
                        SamplerSweep.Point::psnr));
            }
        }
        List<SamplerSweep.Point> measured =
                points.stream().filter(p -> !Double.isNaN(p.odeError())).toList();
        if (!measured.isEmpty()) {
            panels.add(panel(
                    title + ": denoising refinement, distance to the ODE's solution",
                    "RMS difference (8-bit levels)",
                    measured,
                    SamplerSweep.Point::odeError));
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no points to plot");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(panels, 1, panels.size(), out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** One panel: {@code value} against the evaluations spent, a line per sampler. */
    private static XYChart panel(
            String title, String yTitle, List<SamplerSweep.Point> points, Function<SamplerSweep.Point, Double> value) {
        XYChart chart = new XYChartBuilder()
                .width(PANEL_WIDTH)
                .height(PANEL_HEIGHT)
                .title(title)
                .xAxisTitle("network evaluations (NFE)")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setMarkerSize(7);
        for (SamplerKind kind : SamplerKind.values()) {
            List<SamplerSweep.Point> line =
                    points.stream().filter(p -> p.sampler() == kind).toList();
            if (!line.isEmpty()) {
                chart.addSeries(
                                kind.cliName(),
                                line.stream()
                                        .map(SamplerSweep.Point::evaluations)
                                        .toList(),
                                line.stream().map(value).toList())
                        .setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
