package dev.imagerestore.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code models} to what inference needs: its main sources must not import the tool packages
 * ({@code train}, {@code eval}, {@code cli}) that live in {@code models-tools}, and must not hold
 * them. The enforcer rule of {@code models/pom.xml} bans the tools' dependencies (picocli, xchart).
 */
class ToolsSeparationTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Pattern TOOL_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?dev\\.imagerestore\\.models\\.(train|eval|cli)\\b.*");
    private static final List<String> TOOL_PACKAGES = List.of("train", "eval", "cli");

    @Test
    void mainSourcesDoNotImportToolPackages() throws IOException {
        List<Path> sources = javaSources();
        assertThat(sources)
                .as("Java sources under %s", MAIN_SOURCES.toAbsolutePath())
                .isNotEmpty();

        List<String> offending =
                sources.stream().flatMap(ToolsSeparationTest::toolImports).toList();

        assertThat(offending)
                .as("imports of models-tools packages in models' main sources; move the importing class to "
                        + "models-tools or the imported class to a runtime package of models")
                .isEmpty();
    }

    @Test
    void toolPackagesAreNotInModels() {
        for (String name : TOOL_PACKAGES) {
            Path directory = MAIN_SOURCES.resolve("dev/imagerestore/models").resolve(name);
            assertThat(directory)
                    .as("tool package %s belongs to models-tools", name)
                    .doesNotExist();
        }
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
    }

    private static Stream<String> toolImports(Path source) {
        try {
            List<String> lines = Files.readAllLines(source);
            return lines.stream()
                    .filter(line -> TOOL_IMPORT.matcher(line).matches())
                    .map(line -> MAIN_SOURCES.relativize(source) + ": " + line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }
}
