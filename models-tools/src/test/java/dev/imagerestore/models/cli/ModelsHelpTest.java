package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command's help renders without picocli's format warnings, and tiling commands share the option names. */
class ModelsHelpTest {

    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new ModelsCli()), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> child = new ArrayList<>(path);
                child.add(name);
                collect(sub, child, paths);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsNoWarnings(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CliRun run;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        assertThat(run.code()).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8) + run.err()).doesNotContain("WARN");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theTileOptionIsCalledTileSizeEverywhere(List<String> path) {
        CommandLine command = new CommandLine(new ModelsCli());
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        CommandLine.Model.OptionSpec tile = command.getCommandSpec().findOption("--tile");
        if (tile != null) {
            assertThat(tile.longestName()).isEqualTo("--tile-size");
        }
    }
}
