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

    private ModelLocation() {}

    /**
     * Loads {@code directory}; if it is absent and is the default, loads the class-path copy.
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
            copy(loader, DEFAULT_RESOURCE + parsed.weights().file(), unpacked.resolve(parsed.weights().file()));
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

    /** The packaged default card, for an absent {@code directory} that names the default model. */
    private static URL packagedCard(Path directory, ClassLoader loader) throws IOException {
        URL card = loader.getResource(DEFAULT_RESOURCE + ModelDirectory.CARD_FILE);
        boolean isDefault = directory.equals(Path.of(DEFAULT_DIRECTORY));
        if (!isDefault || card == null) {
            throw new IOException("model directory " + directory.toAbsolutePath() + " not found"
                    + (isDefault ? " and the class path has no " + DEFAULT_RESOURCE + " (run from the repository root)" : "")
                    + "; pass --model DIR with a folder holding " + ModelDirectory.CARD_FILE);
        }
        return card;
    }

    private static void copy(ClassLoader loader, String resource, Path target) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class path resource " + resource + " named by the packaged model card is missing");
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
