package dev.imagerestore.models.io;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a user's TorchScript export ({@code torch.jit.save}) of a noise-predicting network with the
 * call contract {@code forward(x: float32 [B, C_in, H, W], t: int64 [B]) -> eps: float32 [B, C, H, W]},
 * described by a {@link ModelCard} of which only the channel counts, the size multiple, the schedule
 * and {@code prediction} are used.
 *
 * <p>Loading checks, each failure a {@link ModelFormatException} naming the file: the file is a
 * TorchScript archive PyTorch accepts; the card describes an eps-predicting, label-free model; the
 * SHA-256 if the card records one for this file; and one probe forward pass on zeros of
 * {@code (1, imageChannels + conditionChannels, m, m)}, {@code m} the card's size multiple, must
 * succeed and return {@code (1, imageChannels, m, m)}.
 */
public final class TorchScriptModels {

    private TorchScriptModels() {}

    /**
     * Loads and checks {@code ptFile}; the caller owns the returned model (close it).
     *
     * @throws ModelFormatException naming the file and the reason
     */
    public static Model load(Path ptFile, ModelCard card) throws IOException {
        checkCard(ptFile, card);
        if (!Files.isRegularFile(ptFile)) {
            throw new ModelFormatException(ptFile, "TorchScript file not found");
        }
        verifyDigest(ptFile, card);
        Model model = Model.newInstance(card.name(), "PyTorch");
        try {
            model.load(ptFile);
            probe(ptFile, model, card.architecture());
            return model;
        } catch (EngineException | MalformedModelException e) {
            model.close();
            throw new ModelFormatException(
                    ptFile,
                    "not a TorchScript archive PyTorch can load (export it with "
                            + "torch.jit.save(torch.jit.script(model), path)): " + reason(e),
                    e);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void checkCard(Path ptFile, ModelCard card) throws ModelFormatException {
        if (card.prediction() != null && !"eps".equals(card.prediction())) {
            throw new ModelFormatException(
                    ptFile,
                    "the card says the network predicts '" + card.prediction()
                            + "'; only noise-predicting ('eps') networks are supported");
        }
        if (card.architecture().labelCount() > 0) {
            throw new ModelFormatException(
                    ptFile,
                    "the card declares " + card.architecture().labelCount()
                            + " labels, but the TorchScript contract forward(x, t) has no label input; set labelCount to 0");
        }
    }

    private static void verifyDigest(Path ptFile, ModelCard card) throws IOException {
        ModelCard.Weights weights = card.weights();
        if (weights == null
                || weights.sha256() == null
                || weights.file() == null
                || !ptFile.getFileName()
                        .toString()
                        .equals(Path.of(weights.file()).getFileName().toString())) {
            return;
        }
        String digest = ModelDirectory.sha256(ptFile);
        if (!weights.sha256().equalsIgnoreCase(digest)) {
            throw new ModelFormatException(
                    ptFile,
                    "SHA-256 is " + digest + " but the card records " + weights.sha256()
                            + ": the file is corrupt or belongs to another model");
        }
    }

    private static void probe(Path ptFile, Model model, UNetConfig architecture) throws ModelFormatException {
        int side = architecture.sizeMultiple();
        Shape input = new Shape(1, architecture.inputChannels(), side, side);
        Shape expected = new Shape(1, architecture.imageChannels(), side, side);
        try (NDManager manager = model.getNDManager().newSubManager();
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            NDArray x = manager.zeros(input, DataType.FLOAT32);
            NDArray t = manager.zeros(new Shape(1), DataType.INT64);
            NDList output = predictor.predict(new NDList(x, t));
            if (output.size() != 1
                    || !output.head().getShape().equals(expected)
                    || output.head().getDataType() != DataType.FLOAT32) {
                throw new ModelFormatException(
                        ptFile,
                        "forward(x " + input + ", t (1)) returned " + describe(output)
                                + " but the card (" + architecture.imageChannels()
                                + " image channels) expects one float32 "
                                + expected + "; fix imageChannels in the card or export the matching network");
            }
        } catch (TranslateException | EngineException e) {
            throw new ModelFormatException(
                    ptFile,
                    "forward(x float32 " + input + ", t int64 (1)) failed, so the module "
                            + "does not take the " + architecture.inputChannels()
                            + " input channels the card declares ("
                            + architecture.imageChannels() + " image + " + architecture.conditionChannels()
                            + " condition): " + reason(e),
                    e);
        }
    }

    private static String describe(NDList output) {
        StringBuilder text = new StringBuilder();
        for (NDArray array : output) {
            text.append(text.length() == 0 ? "" : ", ")
                    .append(array.getDataType())
                    .append(' ')
                    .append(array.getShape());
        }
        return output.size() == 1 ? text.toString() : output.size() + " arrays [" + text + "]";
    }

    /** The line of the innermost message that says what went wrong (PyTorch puts it last, after a traceback). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().strip();
        String[] lines = message.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].matches("\\w*(Error|Exception): .*")) {
                return lines[i].strip();
            }
        }
        return lines[0].strip();
    }
}
