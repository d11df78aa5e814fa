package dev.imagerestore.models.io;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.imagerestore.models.DiffusionModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the model a command runs: a model directory on disk, or, for the project's default model
 * when the command does not run from a checkout, the copy packaged on the class path under
 * {@value #DEFAULT_RESOURCE} (the job jar carries it there), which is unpacked to a temporary
 * directory, loaded, and deleted.
 */
public final class ModelLocation {

    /** The project's default denoising model, relative to the repository root. */
    public static final String DEFAULT_DIRECTORY = "models/zoo/denoise-small";
    /** Where a jar carries the default model: {@code model-card.json} and the weights it names. */
    public static final String DEFAULT_RESOURCE = "zoo/denoise-small/";
    /** The zoo, relative to the repository root; a jar carries each of its models under {@code zoo/NAME/}. */
    public static final Path ZOO = Path.of("models", "zoo");

    private ModelLocation() {}

    /**
     * Loads {@code directory}; if it is absent and is a zoo model ({@code models/zoo/NAME}), loads
     * the copy the jar carries.
     *
     * @throws IOException naming the directory and what to pass instead when neither exists
     */
    public static DiffusionModel load(Path directory, ClassLoader loader) throws IOException {
        return load(directory, loader, Engine.getEngine("PyTorch").defaultDevice());
    }

    /**
     * Loads as {@link #load(Path, ClassLoader)} does, with the weights on {@code device}.
     *
     * @throws IOException naming the directory and what to pass instead when neither exists
     */
    public static DiffusionModel load(Path directory, ClassLoader loader, Device device) throws IOException {
        if (Files.isDirectory(directory)) {
            return DiffusionModel.load(directory, device);
        }
        URL card = packagedCard(directory, loader);
        Path unpacked = Files.createTempDirectory("imagerestore-model-");
        try {
            String json;
            try (InputStream in = card.openStream()) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ModelCard parsed = ModelCards.fromJson(json, Path.of(card.toString()));
            Files.writeString(unpacked.resolve(ModelDirectory.CARD_FILE), json, StandardCharsets.UTF_8);
            copy(
                    loader,
                    resourceOf(directory) + parsed.weights().file(),
                    unpacked.resolve(parsed.weights().file()));
            return DiffusionModel.load(unpacked, device);
        } finally {
            deleteTree(unpacked);
        }
    }

    /** The card of {@code directory}, or of the packaged default model when that directory is absent. */
    public static ModelCard readCard(Path directory, ClassLoader loader) throws IOException {
        if (Files.isDirectory(directory)) {
            return ModelDirectory.readCard(directory);
        }
        URL card = packagedCard(directory, loader);
        try (InputStream in = card.openStream()) {
            return ModelCards.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(card.toString()));
        }
    }

    /** The packaged card, for an absent {@code directory} that names a zoo model. */
    private static URL packagedCard(Path directory, ClassLoader loader) throws IOException {
        String resource = resourceOf(directory);
        URL card = resource == null ? null : loader.getResource(resource + ModelDirectory.CARD_FILE);
        if (card == null) {
            throw new IOException("model directory " + directory.toAbsolutePath() + " not found"
                    + (resource != null
                            ? " and the class path has no " + resource + " (run from the repository root)"
                            : "")
                    + "; pass --model DIR with a folder holding " + ModelDirectory.CARD_FILE);
        }
        return card;
    }

    /** {@code zoo/NAME/} for {@code models/zoo/NAME}, else null. */
    private static String resourceOf(Path directory) {
        Path parent = directory.normalize().getParent();
        return parent != null && parent.equals(ZOO)
                ? "zoo/" + directory.normalize().getFileName() + "/"
                : null;
    }

    private static void copy(ClassLoader loader, String resource, Path target) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(
                        "class path resource " + resource + " named by the packaged model card is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }
}
