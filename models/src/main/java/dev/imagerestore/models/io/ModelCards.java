package dev.imagerestore.models.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON reading and writing of {@link ModelCard}s. */
public final class ModelCards {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private ModelCards() {}

    public static String toJson(ModelCard card) {
        return GSON.toJson(card);
    }

    public static ModelCard fromJson(String json, Path source) throws ModelFormatException {
        try {
            ModelCard card = GSON.fromJson(json, ModelCard.class);
            if (card == null) {
                throw new ModelFormatException(source, "the model card is empty");
            }
            if (!ModelCard.FORMAT.equals(card.format())) {
                throw new ModelFormatException(
                        source, "model card format is '" + card.format() + "', expected '" + ModelCard.FORMAT + "'");
            }
            return card;
        } catch (RuntimeException e) {
            throw new ModelFormatException(source, "not a valid model card: " + reason(e), e);
        }
    }

    /** The message of {@code e}, and of its root cause if that is another (Gson wraps a record's refusal). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
    }

    public static ModelCard read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file, "model card not found");
        }
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), file);
    }

    /** Writes the card atomically (temporary file, then rename). */
    public static void write(ModelCard card, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(card) + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
