package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI started by java's launcher under {@code LC_ALL=C} (an ASCII file name encoding, in which
 * Java 17 cannot open {@code été.png}) still restores non-ASCII names, given in its arguments and
 * found in the input: it starts itself again under a UTF-8 locale with the arguments' bytes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NonUtf8LocaleITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void underAnAsciiLocaleNonAsciiArgumentsAndNamesWork(@TempDir Path work) throws Exception {
        Path input = work.resolve("fonds-é");
        Path output = work.resolve("out");
        RestoreFixture.write(new SampleGenerator(2).noisyScene(20, 12, 0, 15), input.resolve("café/été.png"),
                OutputFormat.PNG);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ImageRestorationCli.class.getName(),
                "restore", "--input", input.toString(), "--output", output.toString(), "--model",
                MODEL.directory().toString(), "--device", "cpu", "--threads", "1", "--tile-size", "32",
                "--overlap", "8", "--parallelism", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("cli.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        builder.environment().put("LC_ALL", "C");

        Process cli = builder.start();

        assertThat(cli.waitFor(3, TimeUnit.MINUTES)).as("the CLI ends").isTrue();
        String log = Files.readString(work.resolve("cli.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(log).isZero();
        assertThat(Files.isRegularFile(output.resolve("café/été.png"))).as(log).isTrue();
        assertThat(RestoreFixture.report(output)).as(log).singleElement()
                .satisfies(line -> assertThat(line.status()).isEqualTo("ok"));
    }
}
