package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.internal.OptionSections;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees after a mistake on {@code restore}'s command line: one or two lines naming the
 * option, the value and the fix, exit code 2, no stack trace, and no job started.
 */
class RestoreUsageErrorsTest {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @TempDir
    Path work;

    private Path input;

    @BeforeEach
    void oneImage() throws IOException {
        input = work.resolve("in");
        RestoreFixture.write(
                new SampleGenerator(1).noisyScene(24, 16, 0, 10), input.resolve("a.png"), OutputFormat.PNG);
    }

    @Test
    void aMissingInputFolderIsNamed() {
        CliRun run = restore("--input", work.resolve("nowhere").toString());

        assertUsageError(run).contains("--input " + work.resolve("nowhere") + " does not exist");
    }

    @Test
    void anUnknownTaskListsTheTasks() {
        CliRun run = restore("--task", "deblur");

        assertUsageError(run)
                .contains("--task deblur is not a task of this version; use denoise, inpaint, "
                        + "inpaint,denoise, depth2img or restore");
    }

    @Test
    void aNegativeSigmaGivesTheRange() {
        CliRun run = restore("--sigma", "-5");

        assertUsageError(run).contains("--sigma must be in (0, 150] on the 0-255 scale or 'auto', got -5.0");
    }

    @Test
    void aTileSizeOffTheModelsMultipleNamesTheNearestOne() {
        CliRun run = restore("--tile-size", "10", "--overlap", "2");

        assertUsageError(run).contains("--tile-size 10 must be a multiple of 4 for model tiny-test; try 8");
    }

    @Test
    void noCpuWorkerIsAUsageErrorNamingTheOption() {
        CliRun run = restore("--cpu-workers", "0");

        assertUsageError(run).contains("--cpu-workers must be >= 1, got 0").doesNotContain("inference.");
    }

    @Test
    void aTileSizeBelowTheMinimumNamesTheOptionNotTheConfigurationKey() {
        CliRun run = restore("--tile-size", "4", "--overlap", "1");

        assertUsageError(run).contains("--tile-size must be >= 8, got 4").doesNotContain("inference.");
    }

    @Test
    void anOverlapTooLargeForTheTileNamesBothOptions() {
        CliRun run = restore("--tile-size", "32", "--overlap", "16");

        assertUsageError(run)
                .contains("--overlap = 16 must be >= 0 and less than half of --tile-size = 32")
                .doesNotContain("inference.");
    }

    @Test
    void anOutputThatCannotBeCreatedIsRefusedBeforeTheJob() throws IOException {
        Path file = Files.writeString(work.resolve("plain-file"), "x");

        CliRun run = restore("--output", file.resolve("out").toString());

        assertUsageError(run)
                .contains(
                        "--output " + file.resolve("out") + " cannot be created (",
                        "Not a directory",
                        "); pass a folder this user can write");
    }

    @Test
    void anUnreadableDurationSaysWhichFormsAreRead() {
        CliRun run = restore("--watch", "5 sec");

        assertUsageError(run)
                .contains("--watch", "'5 sec' is not a duration; write a number and a unit (500ms, 5s, 2m, 1h)");
    }

    @Test
    void autoMasksWithoutTheInpaintTaskAreRefused() {
        CliRun run = restore("--task", "denoise", "--mask", "auto");

        assertUsageError(run)
                .contains("--mask auto is an option of the inpaint and restore tasks, and --task is "
                        + "denoise; add inpaint to --task, or leave --mask out");
    }

    @Test
    void savedMasksForRePaintAreRefusedNotIgnored() {
        CliRun run = restore("--task", "inpaint", "--mask", "sidecar", "--save-masks");

        assertUsageError(run)
                .contains("--save-masks with --task inpaint writes the masks that --mask auto finds")
                .contains("inpaints with RePaint");
    }

    @Test
    void aNoiseLevelForAnotherTaskIsRefusedNotIgnored() {
        CliRun run = restore("--task", "inpaint", "--sigma", "15");

        assertUsageError(run)
                .contains("--sigma 15 is an option of the denoise task, and --task is inpaint; "
                        + "add denoise to --task, or leave --sigma out");
    }

    @Test
    void anUnknownOptionSuggestsTheRightOne() {
        CliRun run = restore("--tile", "32");

        assertUsageError(run).contains("Unknown option", "'--tile'");
    }

    @Test
    void anEmptyInputFolderWarnsAndExitsZeroWithoutAJob() throws IOException {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not an image");

        CliRun run = restore("--input", empty.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err().strip()).isEqualTo("warning: no images to restore under " + empty + "; nothing to do");
        assertThat(run.out()).doesNotContain("mini cluster");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CliRun run;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            run = CliRun.of("restore", "--help");
        } finally {
            System.setErr(stderr);
        }

        assertThat(run.code()).isZero();
        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .as("picocli's format warnings")
                .doesNotContain("WARN");
        assertThat(run.out())
                .contains(
                        "Exit codes:",
                        "  0  every image",
                        "  1  the run itself failed",
                        "  2  usage error",
                        "  3  some images failed",
                        "--fail-on",
                        "--progress");
    }

    @Test
    void helpGroupsTheOptionsByConcernAndTaskAndPlacesEveryOption() {
        CliRun run = CliRun.of("restore", "--help");

        assertThat(RestoreCommand.HELP_SECTIONS.unplaced(ImageRestorationCli.commandLine()
                        .getSubcommands()
                        .get("restore")
                        .getCommandSpec()))
                .as("options without a section (they would be listed under '%s')", OptionSections.OTHER)
                .containsExactlyInAnyOrder("--help", "--version");
        String help = run.out();
        assertThat(help)
                .contains(
                        "Input and output:",
                        "Task and model:",
                        "denoise:",
                        "inpaint:",
                        "depth2img:",
                        "Damage masks (inpaint, restore):",
                        OptionSections.OTHER + ":")
                .doesNotContain("Options:");
        assertThat(help.indexOf("Input and output:")).isLessThan(help.indexOf("--input="));
        assertThat(help.indexOf("depth2img:"))
                .isLessThan(help.indexOf("--depth-dir="))
                .isGreaterThan(help.indexOf("--jump-length="));
        assertThat(help.indexOf("--sigma=")).as("each option once").isEqualTo(help.lastIndexOf("--sigma="));
    }

    private static AbstractStringAssert<?> assertUsageError(CliRun run) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().count()).as(run.err()).isBetween(1L, 3L);
        assertThat(run.err())
                .doesNotContain("Exception")
                .doesNotContain("at dev.")
                .doesNotContain("\tat ");
        assertThat(run.out()).as("no job started").doesNotContain("mini cluster");
        return assertThat(run.err());
    }

    private CliRun restore(String... options) {
        List<String> args = new ArrayList<>(List.of("restore"));
        args.addAll(List.of(options));
        for (String[] option : new String[][] {
            {"--input", input.toString()},
            {"--output", work.resolve("out").toString()},
            {"--model", MODEL.directory().toString()}
        }) {
            if (!args.contains(option[0])) {
                args.addAll(List.of(option));
            }
        }
        return CliRun.of(args.toArray(String[]::new));
    }
}
