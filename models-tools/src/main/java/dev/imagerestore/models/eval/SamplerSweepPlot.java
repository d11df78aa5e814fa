package dev.imagerestore.models.eval;

import dev.imagerestore.models.sampler.SamplerKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG of a {@link SamplerSweep}: one panel per task, PSNR against network evaluations, one line per
 * sampler (XChart, rendered off-screen).
 */
public final class SamplerSweepPlot {

    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 440;

    private SamplerSweepPlot() {}

    /** Writes the plot of {@code points} to {@code file} (PNG), replacing it. */
    public static void write(List<SamplerSweep.Point> points, String title, Path file) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        for (SamplerSweep.Task task : SamplerSweep.Task.values()) {
            List<SamplerSweep.Point> of =
                    points.stream().filter(p -> p.task() == task).toList();
            if (of.isEmpty()) {
                continue;
            }
            XYChart chart = new XYChartBuilder()
                    .width(PANEL_WIDTH)
                    .height(PANEL_HEIGHT)
                    .title(title + ": " + (task == SamplerSweep.Task.DENOISE ? "denoising refinement" : "inpainting"))
                    .xAxisTitle("network evaluations (NFE)")
                    .yAxisTitle(task == SamplerSweep.Task.DENOISE ? "PSNR (dB)" : "PSNR in the hole (dB)")
                    .build();
            chart.getStyler().setMarkerSize(7);
            for (SamplerKind kind : SamplerKind.values()) {
                List<SamplerSweep.Point> line =
                        of.stream().filter(p -> p.sampler() == kind).toList();
                if (!line.isEmpty()) {
                    chart.addSeries(
                                    kind.cliName(),
                                    line.stream()
                                            .map(SamplerSweep.Point::evaluations)
                                            .toList(),
                                    line.stream().map(SamplerSweep.Point::psnr).toList())
                            .setMarker(SeriesMarkers.CIRCLE);
                }
            }
            panels.add(chart);
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
}
