package dev.imagerestore.models.io;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.Pair;
import dev.imagerestore.models.unet.UNet;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model on disk: a folder with {@code model-card.json} and the weights it names.
 *
 * <p>Weights are stored in DJL's parameter format ({@link Block#saveParameters}): DJL reads it back
 * with a check of every parameter's shape against the architecture in the card, and no converter
 * is needed. (safetensors would be the portable choice for PyTorch users; they can instead bring a
 * TorchScript export, see {@code TorchScriptNoisePredictor}.) Loading verifies the card, the
 * weights' SHA-256 and every shape, and names the file and the mismatch when any check fails.
 */
public final class ModelDirectory {

    public static final String CARD_FILE = "model-card.json";
    public static final String WEIGHTS_FILE = "unet.params";

    private ModelDirectory() {}

    /**
     * Writes the block's parameters and the card (with the weights' digest filled in) into
     * {@code directory}, each through a temporary file and an atomic rename.
     *
     * @return the card as written
     */
    public static ModelCard save(Path directory, Block block, ModelCard card) throws IOException {
        Files.createDirectories(directory);
        Path weights = directory.resolve(WEIGHTS_FILE);
        Path tmp = directory.resolve("." + WEIGHTS_FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            block.saveParameters(out);
        }
        Files.move(tmp, weights, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long parameters = 0;
        for (Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            parameters += p.getValue().getArray().size();
        }
        ModelCard written =
                card.withWeights(new ModelCard.Weights(WEIGHTS_FILE, sha256(weights), Files.size(weights), parameters));
        ModelCards.write(written, directory.resolve(CARD_FILE));
        return written;
    }

    /** Reads and validates the card of a model directory without loading the weights. */
    public static ModelCard readCard(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory, "model directory not found");
        }
        ModelCard card = ModelCards.read(directory.resolve(CARD_FILE));
        if (card.weights() == null || card.weights().file() == null) {
            throw new ModelFormatException(directory.resolve(CARD_FILE), "the card names no weights file");
        }
        return card;
    }

    /**
     * Builds the card's UNet, initialises it on {@code manager} and loads the verified weights.
     * The parameters belong to {@code manager}; close it to free them.
     */
    public static Block loadBlock(Path directory, ModelCard card, NDManager manager) throws IOException {
        Path weights = directory.resolve(card.weights().file());
        if (!Files.isRegularFile(weights)) {
            throw new ModelFormatException(weights, "weights file named by " + CARD_FILE + " not found");
        }
        String digest = sha256(weights);
        if (card.weights().sha256() != null && !card.weights().sha256().equalsIgnoreCase(digest)) {
            throw new ModelFormatException(
                    weights,
                    "SHA-256 is " + digest + " but " + CARD_FILE + " records "
                            + card.weights().sha256() + ": the file is corrupt or belongs to another model");
        }
        Block block = UNet.build(card.architecture());
        int size = card.architecture().sizeMultiple();
        block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(card.architecture(), 1, size));
        java.util.List<Shape> expected = new java.util.ArrayList<>();
        for (ai.djl.nn.Parameter p : block.getParameters().values()) {
            expected.add(p.getArray().getShape());
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
            block.loadParameters(manager, in);
            checkShapes(weights, card, block, expected);
            if (in.read() != -1) {
                throw new ModelFormatException(
                        weights,
                        "trailing bytes after the parameters: the weights were "
                                + "written for a different architecture than " + card.architecture());
            }
        } catch (MalformedModelException | IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(
                    weights,
                    "weights do not match the architecture in " + CARD_FILE + " (" + card.architecture() + "): "
                            + e.getMessage(),
                    e);
        } catch (java.io.EOFException e) {
            throw new ModelFormatException(
                    weights,
                    "weights file is truncated or was written for a smaller " + "architecture than "
                            + card.architecture(),
                    e);
        }
        return block;
    }

    /** DJL reads parameters of any shape back; a card/weights mismatch is caught here instead. */
    private static void checkShapes(Path weights, ModelCard card, Block block, java.util.List<Shape> expected)
            throws ModelFormatException {
        int i = 0;
        for (Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            Shape actual = p.getValue().getArray().getShape();
            if (!actual.equals(expected.get(i))) {
                throw new ModelFormatException(
                        weights,
                        "parameter " + p.getKey() + " has shape " + actual
                                + " but the architecture in " + CARD_FILE + " (" + card.architecture() + ") needs "
                                + expected.get(i) + ": the weights belong to another model");
            }
            i++;
        }
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
