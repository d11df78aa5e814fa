package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    static Path folder;

    private static Path images;
    private static Path model;

    @BeforeAll
    static void imagesAndModel() throws Exception {
        TorchThreads.configure(1);
        images = Files.createDirectories(folder.resolve("clean"));
        ImageFiles.write(SyntheticImages.textured(3, 40, 48, 1), images.resolve("a-colour.png"));
        ImageFiles.write(SyntheticImages.textured(1, 36, 44, 2), images.resolve("b-gray.png"));
        model = folder.resolve("model");
        TestNetworks.save(model, TestNetworks.card(TestNetworks.TINY), 7);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void denoiseEvaluationPrintsEveryImageAndTheMeanAndWritesJson() throws Exception {
        Path json = folder.resolve("report.json");
        CliRun run = run(
                "eval",
                "denoise",
                "--clean",
                images.toString(),
                "--sigma",
                "25",
                "--model",
                model.toString(),
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--threads",
                "1",
                "--json",
                json.toString(),
                "--refine-steps",
                "2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("a-colour.png", "b-gray.png", "mean of 2", "refined", "s/Mpx");
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(report.getAsJsonArray("images")).hasSize(2);
        JsonObject gray = report.getAsJsonArray("images").get(1).getAsJsonObject();
        assertThat(gray.get("channels").getAsInt()).isEqualTo(1);
        assertThat(gray.get("noisyPsnr").getAsDouble()).isBetween(19.0, 21.5);
        assertThat(gray.has("refinedPsnr")).isTrue();
        assertThat(report.get("model").getAsString()).isEqualTo("tiny-test");
    }

    @Test
    void blindEvaluationReportsTheEstimatedSigma() {
        CliRun run = run(
                "eval",
                "denoise",
                "--clean",
                images.toString(),
                "--sigma",
                "15",
                "--model",
                model.toString(),
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--threads",
                "1",
                "--blind",
                "--limit",
                "1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("sigma^", "|err|", "mean of 1").doesNotContain("b-gray.png");
    }

    @Test
    void peersWithoutTheBenchmarksJarSayHowToAddThem() {
        CliRun run = run(
                "eval",
                "denoise",
                "--clean",
                images.toString(),
                "--sigma",
                "15",
                "--model",
                model.toString(),
                "--peers");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("OpenCV peers not on the class path", "-cp benchmarks/target/");
    }

    @Test
    void defaultModelIsLoadedFromTheClassPathWhenTheDirectoryIsAbsent() throws Exception {
        Path root = Files.createDirectories(folder.resolve("jar-root"));
        Path packaged = Files.createDirectories(root.resolve(ModelLocation.DEFAULT_RESOURCE));
        for (String file : new String[] {ModelDirectory.CARD_FILE, ModelDirectory.WEIGHTS_FILE}) {
            Files.copy(model.resolve(file), packaged.resolve(file));
        }
        Path absent = Path.of(ModelLocation.DEFAULT_DIRECTORY);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(absent), "the default directory exists here");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                        new java.net.URL[] {root.toUri().toURL()}, null);
                dev.imagerestore.models.DiffusionModel loaded = ModelLocation.load(absent, loader)) {
            assertThat(loaded.card().name()).isEqualTo("tiny-test");
        }
        assertThatThrownBy(() -> ModelLocation.load(absent, ClassLoader.getPlatformClassLoader()))
                .hasMessageContaining("the class path has no zoo/denoise-small/")
                .hasMessageContaining("--model DIR");
    }

    @Test
    void everyZooModelIsLoadedFromTheJarsCopyWhenItsDirectoryIsAbsent() throws Exception {
        Path root = Files.createDirectories(folder.resolve("zoo-root"));
        Path packaged = Files.createDirectories(root.resolve("zoo/tiny-packaged"));
        for (String file : new String[] {ModelDirectory.CARD_FILE, ModelDirectory.WEIGHTS_FILE}) {
            Files.copy(model.resolve(file), packaged.resolve(file));
        }
        Path absent = ModelLocation.ZOO.resolve("tiny-packaged");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                        new java.net.URL[] {root.toUri().toURL()}, null);
                dev.imagerestore.models.DiffusionModel loaded = ModelLocation.load(absent, loader)) {
            assertThat(loaded.card().name()).isEqualTo("tiny-test");
            assertThat(ModelLocation.readCard(absent, loader).name()).isEqualTo("tiny-test");
            assertThatThrownBy(() -> ModelLocation.load(Path.of("elsewhere/tiny-packaged"), loader))
                    .as("only the zoo is packaged")
                    .hasMessageContaining("not found; pass --model DIR");
        }
    }

    @Test
    void missingModelDirectoryNamesTheFix() {
        CliRun run = run(
                "eval",
                "denoise",
                "--clean",
                images.toString(),
                "--sigma",
                "15",
                "--model",
                folder.resolve("nowhere").toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("nowhere not found", "pass --model DIR");
    }
}
