package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI started by java's launcher under {@code LC_ALL=C} (an ASCII file name encoding, in which
 * Java 17 cannot open {@code été.png}) still restores non-ASCII names, given in its arguments and
 * found in the input: it starts itself again under a UTF-8 locale with the arguments' bytes, and
 * the command line it runs there reports a usage error as it does anywhere (a line, exit code 2).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NonUtf8LocaleITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void underAnAsciiLocaleNonAsciiArgumentsAndNamesWork(@TempDir Path work) throws Exception {
        Path input = work.resolve("fonds-é");
        Path output = work.resolve("out");
        RestoreFixture.write(
                new SampleGenerator(2).noisyScene(20, 12, 0, 15), input.resolve("café/été.png"), OutputFormat.PNG);
        Process cli = startUnderAsciiLocale(
                work,
                "restore",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--model",
                MODEL.directory().toString(),
                "--device",
                "cpu",
                "--threads",
                "1",
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--parallelism",
                "1");

        assertThat(cli.waitFor(3, TimeUnit.MINUTES)).as("the CLI ends").isTrue();
        String log = Files.readString(work.resolve("cli.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(log).isZero();
        assertThat(Files.isRegularFile(output.resolve("café/été.png"))).as(log).isTrue();
        assertThat(RestoreFixture.report(output))
                .as(log)
                .singleElement()
                .satisfies(line -> assertThat(line.status()).isEqualTo("ok"));
    }

    @Test
    void underAnAsciiLocaleAUsageErrorIsStillALineWithExitCodeTwo(@TempDir Path work) throws Exception {
        Path missing = work.resolve("fonds-é");

        Process cli = startUnderAsciiLocale(
                work,
                "restore",
                "--input",
                missing.toString(),
                "--output",
                work.resolve("out").toString(),
                "--model",
                MODEL.directory().toString());

        assertThat(cli.waitFor(1, TimeUnit.MINUTES)).as("the CLI ends").isTrue();
        String log = Files.readString(work.resolve("cli.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(log).isEqualTo(2);
        assertThat(log.lines().count()).as(log).isBetween(1L, 3L);
        assertThat(log)
                .contains("--input " + missing + " does not exist")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("mini cluster");
    }

    /** The CLI started by java's launcher with {@code LC_ALL=C} and no other locale, its output in cli.log. */
    private static Process startUnderAsciiLocale(Path work, String... args) throws IOException {
        ProcessBuilder builder = CliRun.inOwnJvm(work.resolve("cli.log"), args);
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        builder.environment().put("LC_ALL", "C");
        return builder.start();
    }
}
