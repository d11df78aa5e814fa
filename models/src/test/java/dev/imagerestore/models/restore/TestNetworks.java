package dev.imagerestore.models.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Networks for restoration tests: a tiny random UNet, and two analytic noise predictors. */
public final class TestNetworks {

    /** Three levels (size multiple 4), widths 8/16/32: fast on a CPU. */
    public static final UNetConfig TINY = new UNetConfig(3, 0, List.of(8, 16, 32), 1, false, 4, 0);

    private TestNetworks() {}

    /** A tiny UNet with seeded random weights, wrapped as a model. */
    public static DiffusionModel tinyModel() {
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(7);
        Block block = UNet.build(TINY);
        DiffusionModel model = DiffusionModel.of(card(TINY), block);
        block.initialize(model.manager(), DataType.FLOAT32, UNet.inputShapes(TINY, 1, 8));
        return model;
    }

    /**
     * Writes a UNet of {@code card}'s architecture, with weights drawn from {@code seed}, and the card
     * to {@code dir}; returns {@code dir}.
     */
    public static Path save(Path dir, ModelCard card, int seed) throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(seed);
            Block block = UNet.build(card.architecture());
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(card.architecture(), 1, 16));
            ModelDirectory.save(dir, block, card);
        }
        return dir;
    }

    public static ModelCard card(UNetConfig config) {
        return new ModelCard(
                ModelCard.FORMAT,
                "tiny-test",
                "random weights for tests",
                config,
                List.of(),
                List.of(),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                "eps",
                null,
                null,
                Map.of());
    }

    /** The card of a tiny blind restorer ({@link RestorationNetwork}) named {@code tiny-restorer}. */
    public static ModelCard restorerCard(UNetConfig config) {
        return new ModelCard(
                ModelCard.FORMAT,
                "tiny-restorer",
                "random weights for tests",
                config,
                RestorationNetwork.CONDITIONS,
                List.of(),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                RestorationNetwork.PREDICTION,
                null,
                null,
                Map.of());
    }

    /** A predictor that always predicts zero noise: Tweedie's estimate is then the input itself. */
    public static DenoisingNetwork zero(int sizeMultiple) {
        return new DenoisingNetwork(
                () -> new NoisePredictor() {
                    @Override
                    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
                        return x.zerosLike();
                    }

                    @Override
                    public void close() {}
                },
                NoiseSchedule.ddpmLinear(),
                3,
                sizeMultiple,
                0);
    }

    /**
     * The noise predictor that is optimal for a locally constant image: the clean value is estimated as
     * the mean of the noisy image over a {@code (2r+1)^2} box, {@code c}, and the noise as
     * {@code (x_t - sqrt(ab) c) / sqrt(1 - ab)}, so Tweedie's estimate becomes that box mean.
     */
    public static DenoisingNetwork localMean(int sizeMultiple, int radius) {
        NoiseSchedule schedule = NoiseSchedule.ddpmLinear();
        return new DenoisingNetwork(
                () -> new NoisePredictor() {
                    @Override
                    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
                        long[] shape = x.getShape().getShape();
                        int plane = (int) (shape[2] * shape[3]);
                        int perItem = (int) shape[1] * plane;
                        float[] data = x.toFloatArray();
                        float[] steps = t.toFloatArray();
                        float[] eps = new float[data.length];
                        for (int b = 0; b < shape[0]; b++) {
                            double ab = schedule.alphaBar((double) steps[b]);
                            for (int c = 0; c < shape[1]; c++) {
                                int offset = b * perItem + c * plane;
                                float[] mean = boxMean(data, offset, (int) shape[2], (int) shape[3], radius);
                                for (int i = 0; i < plane; i++) {
                                    eps[offset + i] = (float) ((data[offset + i] - mean[i]) / Math.sqrt(1 - ab));
                                }
                            }
                        }
                        return NativeArrays.create(x.getManager(), eps, x.getShape());
                    }

                    @Override
                    public void close() {}
                },
                schedule,
                3,
                sizeMultiple,
                0);
    }

    private static float[] boxMean(float[] data, int offset, int h, int w, int r) {
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                int n = 0;
                for (int dy = Math.max(0, y - r); dy <= Math.min(h - 1, y + r); dy++) {
                    for (int dx = Math.max(0, x - r); dx <= Math.min(w - 1, x + r); dx++) {
                        sum += data[offset + dy * w + dx];
                        n++;
                    }
                }
                out[y * w + x] = (float) (sum / n);
            }
        }
        return out;
    }
}
