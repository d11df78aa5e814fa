package dev.imagerestore.models.depth;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.depth.internal.ZoomViews;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.PlaneOps;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelFormatException;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Factories of {@link DepthEstimator}s: the project's built-in estimator (a model directory whose
 * card predicts {@code log-depth}, see {@link DepthNetwork}) and a user's TorchScript export such as
 * MiDaS.
 *
 * <p>Both resize the image so that its shorter side has a fixed length and its longer side keeps
 * the aspect ratio, rounded to the network's size multiple; run the network once; and resize the
 * output back to the image's size (bilinear). Grayscale images are fed as three equal channels.
 * Each estimator runs on the device it was loaded onto (the engine's default device unless one is
 * given).
 */
public final class DepthEstimators {

    /** Size multiple assumed for TorchScript estimators (MiDaS and DPT need 32). */
    public static final int TORCHSCRIPT_MULTIPLE = 32;

    private DepthEstimators() {}

    /**
     * The built-in estimator of a model directory. Its input's shorter side is the card's
     * {@code training.crop} (the height it was trained at).
     *
     * @throws ModelFormatException if the directory is not a depth estimator's
     */
    public static DepthEstimator load(Path directory) throws IOException {
        return load(directory, true);
    }

    /**
     * As {@link #load(Path)}; with {@code testTimeViews} false the card's test-time views are ignored
     * (see {@link #load(Path, Device, boolean)}).
     *
     * @throws ModelFormatException if the directory is not a depth estimator's
     */
    public static DepthEstimator load(Path directory, boolean testTimeViews) throws IOException {
        TorchThreads.configureDefault();
        return load(directory, Engine.getEngine("PyTorch").defaultDevice(), testTimeViews);
    }

    /**
     * The built-in estimator of a model directory, loaded onto {@code device}. Each estimate is the
     * mean log depth of the image and of its mirror image (mirrored back), the test-time flip of
     * Godard et al. 2017; on NYUv2 i >= 1300 it lowered the median-scaled AbsRel of
     * {@code depth-small}'s second-phase weights from 0.2206 to 0.2166. By construction, mirroring
     * the image mirrors the estimate. If the card names {@link ModelCard.TestTimeViews test-time
     * views} (an estimator trained with zooms), the windows are estimated too, flipped as well, and
     * merged with the whole frame ({@link ZoomViews}): one batch of 12 instead of 2.
     *
     * @throws ModelFormatException if the directory is not a depth estimator's
     */
    public static DepthEstimator load(Path directory, Device device) throws IOException {
        return load(directory, device, true);
    }

    /**
     * As {@link #load(Path, Device)}; with {@code testTimeViews} false the card's test-time views are
     * ignored and each estimate comes from the whole frame and its mirror only (to measure what the
     * views add).
     *
     * @throws ModelFormatException if the directory is not a depth estimator's
     */
    public static DepthEstimator load(Path directory, Device device, boolean testTimeViews) throws IOException {
        DiffusionModel model = DiffusionModel.load(directory, device);
        if (!DepthNetwork.PREDICTION.equals(model.card().prediction())
                || !DepthNetwork.CONDITIONS.equals(model.card().conditions())) {
            String what = model.card().prediction() + " with conditions "
                    + model.card().conditions();
            model.close();
            throw new ModelFormatException(
                    directory.resolve("model-card.json"),
                    "the model predicts " + what
                            + ", not a depth estimator's " + DepthNetwork.PREDICTION + " from "
                            + DepthNetwork.CONDITIONS
                            + "; pass a depth model directory (e.g. models/zoo/depth-small)");
        }
        int shortSide =
                model.card().training() == null ? 96 : model.card().training().crop();
        ModelCard.TestTimeViews windows = testTimeViews ? model.card().testTimeViews() : null;
        String description = "built-in " + model.card().name() + " (" + directory + "; flip"
                + (windows == null ? "" : " and " + ZoomViews.WINDOWS + " windows at zoom " + windows.zoom())
                + ")";
        NoisePredictor predictor = model.newPredictor();
        return new Estimator(shortSide, model.sizeMultiple(), description, DepthConvention.DEPTH) {
            @Override
            NDArray run(NDManager manager, float[] rgb, int height, int width) {
                ZoomViews views = windows == null ? null : new ZoomViews(height, width, windows.zoom());
                int count = views == null ? 1 : views.count();
                NDList inputs =
                        DepthNetwork.inputs(manager, views == null ? rgb : views.views(rgb, 3), count, height, width);
                NDArray x = inputs.get(0);
                NDArray t = inputs.get(1);
                NDArray logDepth = predictor.predictNoise(x.concat(x.flip(3), 0), t.concat(t, 0), null);
                NDArray mean = logDepth.get("0:" + count)
                        .add(logDepth.get(count + ":").flip(3))
                        .div(2);
                if (views != null) {
                    mean = NativeArrays.create(
                            manager, views.merge(mean.toFloatArray()), new Shape(1, 1, height, width));
                }
                return mean.add(DepthNetwork.LOG_OFFSET).exp();
            }

            @Override
            NDManager manager() {
                return model.manager();
            }

            @Override
            public void close() {
                predictor.close();
                model.close();
            }
        };
    }

    /**
     * A TorchScript estimator with the contract {@code forward(x float32 [1, 3, H, W]) -> [1, H', W']}
     * or {@code [1, 1, H', W']}, x in RGB [0, 1] (the export does its own normalisation, e.g. MiDaS's
     * ImageNet mean and deviation), H and W multiples of 32 with the shorter side {@code shortSide}
     * (384 for MiDaS v2.1). The output is read with {@code convention} (MiDaS gives disparity).
     *
     * @throws ModelFormatException naming the file if PyTorch cannot load it
     */
    public static DepthEstimator torchScript(Path ptFile, DepthConvention convention, int shortSide)
            throws IOException {
        TorchThreads.configureDefault();
        return torchScript(
                ptFile, convention, shortSide, Engine.getEngine("PyTorch").defaultDevice());
    }

    /**
     * A TorchScript estimator as {@link #torchScript(Path, DepthConvention, int)} describes, loaded
     * onto {@code device}.
     *
     * @throws ModelFormatException naming the file if PyTorch cannot load it
     */
    public static DepthEstimator torchScript(Path ptFile, DepthConvention convention, int shortSide, Device device)
            throws IOException {
        Objects.requireNonNull(device, "device");
        if (!Files.isRegularFile(ptFile)) {
            throw new ModelFormatException(ptFile, "TorchScript depth model not found");
        }
        if (shortSide < TORCHSCRIPT_MULTIPLE) {
            throw new IllegalArgumentException(
                    "the estimator's input side " + shortSide + " is below " + TORCHSCRIPT_MULTIPLE);
        }
        TorchThreads.configureDefault();
        Model model = Model.newInstance("depth-torchscript", device, "PyTorch");
        try {
            model.load(ptFile);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new ModelFormatException(
                    ptFile,
                    "not a TorchScript archive PyTorch can load (export it with "
                            + "torch.jit.trace or torch.jit.script and save it as a .pt file): " + e.getMessage(),
                    e);
        }
        Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
        return new Estimator(shortSide, TORCHSCRIPT_MULTIPLE, "TorchScript " + ptFile.getFileName(), convention) {
            @Override
            NDArray run(NDManager manager, float[] rgb, int height, int width) {
                NDArray x = NativeArrays.create(manager, rgb, new Shape(1, 3, height, width));
                try {
                    NDArray out = predictor.predict(new NDList(x)).head();
                    out.attach(manager);
                    if (out.getShape().dimension() == 3) {
                        out = out.expandDims(1);
                    }
                    if (out.getShape().dimension() != 4 || out.getShape().get(1) != 1) {
                        throw new IllegalStateException(ptFile + ": depth output has shape " + out.getShape()
                                + ", expected [1, H, W] or [1, 1, H, W]");
                    }
                    return out;
                } catch (TranslateException e) {
                    throw new IllegalStateException(ptFile + ": the depth forward pass failed: " + e.getMessage(), e);
                }
            }

            @Override
            NDManager manager() {
                return model.getNDManager();
            }

            @Override
            public void close() {
                predictor.close();
                model.close();
            }
        };
    }

    /** The resize / run / resize-back frame shared by both estimators. */
    private abstract static class Estimator implements DepthEstimator {

        private final int shortSide;
        private final int multiple;
        private final String description;
        private final DepthConvention convention;

        Estimator(int shortSide, int multiple, String description, DepthConvention convention) {
            this.shortSide = shortSide;
            this.multiple = multiple;
            this.description = description;
            this.convention = convention;
        }

        /** Runs the network on a planar RGB input; returns (1, 1, h', w') values in the convention. */
        abstract NDArray run(NDManager manager, float[] rgb, int height, int width);

        abstract NDManager manager();

        @Override
        public final DepthMap estimate(FloatImage image) {
            FloatImage rgb = image.channels() == 1 ? image.toThreeChannels() : image;
            int[] size = inputSize(rgb.height(), rgb.width(), shortSide, multiple);
            int h = rgb.height();
            int w = rgb.width();
            float[] planes = rgb.toArray();
            float[] input = new float[3 * size[0] * size[1]];
            for (int c = 0; c < 3; c++) {
                float[] plane = java.util.Arrays.copyOfRange(planes, c * h * w, (c + 1) * h * w);
                System.arraycopy(
                        PlaneOps.resize(plane, h, w, size[0], size[1]),
                        0,
                        input,
                        c * size[0] * size[1],
                        size[0] * size[1]);
            }
            try (NDManager scope = manager().newSubManager()) {
                NDArray out = run(scope, input, size[0], size[1]);
                int outH = Math.toIntExact(out.getShape().get(2));
                int outW = Math.toIntExact(out.getShape().get(3));
                return DepthMap.of(outH, outW, out.toFloatArray(), convention).resized(h, w);
            }
        }

        @Override
        public final String describe() {
            return description;
        }

        @Override
        public final Device device() {
            return manager().getDevice();
        }
    }

    /** {@code [height, width]} of the network input: shorter side {@code shortSide}, aspect kept, rounded to the multiple. */
    static int[] inputSize(int height, int width, int shortSide, int multiple) {
        double scale = (double) shortSide / Math.min(height, width);
        int h = Math.max(multiple, (int) Math.round(height * scale / multiple) * multiple);
        int w = Math.max(multiple, (int) Math.round(width * scale / multiple) * multiple);
        return new int[] {h, w};
    }
}
