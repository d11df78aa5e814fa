package dev.imagerestore.models.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** One in-process run of the {@code models} command line: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.configure(new CommandLine(new ModelsCli()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** A run of {@code base} followed by {@code extra}. */
    static CliRun of(String[] base, String... extra) {
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return of(args);
    }

    /**
     * The rows of a per-image table: for every match of {@code row} in what the run printed, group 1
     * (the image's name) to the whitespace-separated numbers of group 2, in printed order.
     */
    Map<String, double[]> rows(Pattern row) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        Matcher m = row.matcher(out);
        while (m.find()) {
            rows.put(
                    m.group(1),
                    Arrays.stream(m.group(2).trim().split("\\s+"))
                            .mapToDouble(Double::parseDouble)
                            .toArray());
        }
        return rows;
    }
}
