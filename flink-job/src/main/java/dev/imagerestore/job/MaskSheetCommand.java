package dev.imagerestore.job;

import com.google.gson.JsonObject;
import dev.imagerestore.job.internal.RunReport;
import dev.imagerestore.job.review.MaskSheet;
import dev.imagerestore.operators.ReportJson;
import dev.imagerestore.operators.report.ReportSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mask-sheet}: a PNG contact sheet of the masks a {@code restore --save-masks} run used. */
@Command(
        name = "mask-sheet",
        mixinStandardHelpOptions = true,
        description = "Draw the damage masks of the latest run into OUTPUT (restore --save-masks) as a contact "
                + "sheet: each input with its mask in red beside its restored output, most masked first.")
final class MaskSheetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "The run's --input folder.")
    Path input;

    @Option(
            names = "--output",
            required = true,
            description = "The run's --output folder (its _report/latest is read).")
    Path output;

    @Option(names = "--sheet", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
    Path sheet;

    @Option(names = "--limit", defaultValue = "12", description = "Rows at most (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--side",
            defaultValue = "320",
            description = "Longer side of each picture (default ${DEFAULT-VALUE}).")
    int side;

    @Override
    public Integer call() throws Exception {
        Path reports = output.resolve(ReportSink.DIRECTORY);
        Path latest = RunReport.latest(reports)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "no run report in " + reports
                                + " (no _report/latest): run restore --save-masks into --output first"));
        List<JsonObject> lines = new ArrayList<>();
        for (String text : Files.readAllLines(latest, StandardCharsets.UTF_8)) {
            if (!text.isBlank()) {
                lines.add(ReportJson.parse(text));
            }
        }
        int rows = MaskSheet.write(lines, input, output, sheet, limit, side);
        spec.commandLine().getOut().printf("wrote %s: %d image(s) with a mask, from %s%n", sheet, rows, latest);
        return 0;
    }
}
