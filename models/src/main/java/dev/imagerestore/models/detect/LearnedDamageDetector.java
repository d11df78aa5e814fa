package dev.imagerestore.models.detect;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.image.Dihedral;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelFormatException;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.TileAccumulator;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.models.runtime.TorchThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a trained damage detector ({@link DamageNetwork}) over whole images: the image is covered by
 * overlapping square tiles ({@link TileGrid}), each tile's logits pass through the sigmoid, and the
 * tiles' probabilities are blended with the grid's raised-cosine weights ({@link TileAccumulator}),
 * so seams fade. Grayscale images are fed as three equal channels.
 *
 * <p>Tiling and batching: tiles of one image are run {@code tilesPerBatch} at a time, which changes
 * nothing but speed (the UNet's GroupNorm normalises each tile on its own). The tile side changes the
 * result where the image is larger than a tile: the network's normalisation statistics and its zero
 * padding are those of the tile it sees, so each tile's probabilities depend on the context it cuts
 * (with random weights, maps from 32-pixel tiles correlated only 0.6 with one whole-image tile). Keep
 * tiles large; images no larger than a tile are one tile whatever the requested side, and a pixel
 * covered by one tile alone holds exactly that tile's probability.
 *
 * <p>The mask is taken at the card's {@link ModelCard.Detection#threshold()} (default
 * {@link DamageNetwork#DEFAULT_THRESHOLD}) or at a caller's. Owns its model and predictor: close it.
 * Not thread-safe: one detector per thread.
 */
public final class LearnedDamageDetector implements AutoCloseable {

    /** Largest tile side by default: 256 keeps one tile's activations of the default widths near 100 MB. */
    public static final int DEFAULT_TILE_SIZE = 256;
    /** Samples shared by neighbouring tiles by default. */
    public static final int DEFAULT_OVERLAP = 32;
    /** Tiles per forward pass by default. */
    public static final int DEFAULT_TILES_PER_BATCH = 4;
    /**
     * Pixels by which a detected mask grows before it is repaired. Growing covers the soft outer edge
     * of a crack that the detector leaves under its threshold, but grows every false alarm too: on 8
     * CBSD68 images (`eval damage --restorer ... --limit 8 --margin M`) the whole repair fell from
     * 23.10 dB at margin 0 to 21.84 dB at 1 and 21.36 dB at 2, while the damage itself gained only
     * 0.25-0.30 dB. So the mask is repaired as detected.
     */
    public static final int DEFAULT_REPAIR_MARGIN = 0;

    private final DiffusionModel model;
    private final NoisePredictor predictor;
    private final int tileSize;
    private final int overlap;
    private final int tilesPerBatch;
    private final double threshold;

    private LearnedDamageDetector(DiffusionModel model, int tileSize, int overlap, int tilesPerBatch) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.tilesPerBatch = tilesPerBatch;
        ModelCard.Detection detection = model.card().detection();
        this.threshold = detection == null ? DamageNetwork.DEFAULT_THRESHOLD : detection.threshold();
    }

    /**
     * The detector of a model directory with the default tiling, on the engine's default device.
     *
     * @throws ModelFormatException if the directory is not a damage detector's
     */
    public static LearnedDamageDetector load(Path directory) throws IOException {
        TorchThreads.configureDefault();
        return load(
                directory,
                Engine.getEngine("PyTorch").defaultDevice(),
                DEFAULT_TILE_SIZE,
                DEFAULT_OVERLAP,
                DEFAULT_TILES_PER_BATCH);
    }

    /**
     * The detector of a model directory, on {@code device}, with this tiling.
     *
     * @param tileSize largest tile side, a multiple of the network's size multiple
     * @param overlap samples shared by neighbouring tiles, at most half the tile side
     * @throws ModelFormatException if the directory is not a damage detector's
     */
    public static LearnedDamageDetector load(
            Path directory, Device device, int tileSize, int overlap, int tilesPerBatch) throws IOException {
        // a zoo detector absent from disk (a cluster, a run outside the checkout) loads from the jar's copy
        DiffusionModel model = ModelLocation.load(directory, LearnedDamageDetector.class.getClassLoader(), device);
        if (!DamageNetwork.PREDICTION.equals(model.card().prediction())
                || !DamageNetwork.CONDITIONS.equals(model.card().conditions())) {
            String what = model.card().prediction() + " with conditions "
                    + model.card().conditions();
            model.close();
            throw new ModelFormatException(
                    directory.resolve("model-card.json"),
                    "the model predicts " + what
                            + ", not a damage detector's " + DamageNetwork.PREDICTION + " from "
                            + DamageNetwork.CONDITIONS
                            + "; pass a model directory written by train-detector");
        }
        try {
            return of(model, tileSize, overlap, tilesPerBatch);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * A detector over {@code model} (a {@link DamageNetwork} UNet), which it takes over and closes.
     *
     * @param tileSize largest tile side, a multiple of the network's size multiple
     * @param overlap samples shared by neighbouring tiles, at most half the tile side
     */
    public static LearnedDamageDetector of(DiffusionModel model, int tileSize, int overlap, int tilesPerBatch) {
        if (!model.card()
                .architecture()
                .equals(DamageNetwork.architecture(
                        model.card().architecture().widths(),
                        model.card().architecture().resBlocksPerLevel(),
                        model.card().architecture().attentionAtLowest(),
                        model.card().architecture().groups()))) {
            throw new IllegalArgumentException("a damage detector has 1 output and " + DamageNetwork.CONDITIONS.size()
                    + " condition channels and no labels, got " + model.card().architecture());
        }
        TileGrid.cover(1, 1, tileSize, overlap, model.sizeMultiple()); // refuses a bad tiling, naming the fix
        if (tilesPerBatch < 1) {
            throw new IllegalArgumentException("tilesPerBatch must be >= 1, got " + tilesPerBatch);
        }
        return new LearnedDamageDetector(model, tileSize, overlap, tilesPerBatch);
    }

    /** The threshold {@link #detect(FloatImage)} flags from: the card's, or the default. */
    public double threshold() {
        return threshold;
    }

    /** The card of the model this detector runs. */
    public ModelCard card() {
        return model.card();
    }

    /** The damage probability of every pixel of {@code image} (1 or 3 channels, samples in [0, 1]). */
    public DamageProbabilities probabilities(FloatImage image) {
        return probabilities(image, 1);
    }

    /**
     * As {@link #probabilities(FloatImage)}, each tile seen through the first {@code ensemble} of its
     * eight flips and transpositions ({@link Dihedral}: 1, 2, 4 or 8) and the probabilities, mapped
     * back, averaged: {@code ensemble} times the network's time.
     */
    public DamageProbabilities probabilities(FloatImage image, int ensemble) {
        if (!Dihedral.isValidCount(ensemble)) {
            throw new IllegalArgumentException("the detector's ensemble must be 1, 2, 4 or 8 views, got " + ensemble);
        }
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("the detector reads 1- or 3-channel images, got " + image.channels());
        }
        TileGrid grid = TileGrid.cover(image.height(), image.width(), tileSize, overlap, model.sizeMultiple());
        TileAccumulator accumulator = new TileAccumulator(grid, 1, image.bitDepth());
        List<TileRegion> tiles = grid.tiles();
        int side = grid.tileSize();
        int plane = side * side;
        for (int first = 0; first < tiles.size(); first += tilesPerBatch) {
            List<TileRegion> chunk = tiles.subList(first, Math.min(tiles.size(), first + tilesPerBatch));
            List<float[]> tilesRgb = new ArrayList<>(chunk.size());
            for (TileRegion region : chunk) {
                tilesRgb.add(grid.extract(image, region, 3));
            }
            float[][] mean = new float[chunk.size()][plane];
            for (int d = 0; d < ensemble; d++) {
                float[] rgb = new float[chunk.size() * 3 * plane];
                for (int i = 0; i < chunk.size(); i++) {
                    float[] view = d == 0 ? tilesRgb.get(i) : Dihedral.apply(tilesRgb.get(i), 3, side, d);
                    System.arraycopy(view, 0, rgb, i * 3 * plane, 3 * plane);
                }
                float[] probability;
                try (NDManager scope = model.manager().newSubManager()) {
                    NDList inputs = DamageNetwork.inputs(scope, rgb, chunk.size(), side, side);
                    NDArray logits = predictor.predictNoise(inputs.get(0), inputs.get(1), null);
                    probability = Activation.sigmoid(logits).toFloatArray();
                }
                for (int i = 0; i < chunk.size(); i++) {
                    float[] view = Arrays.copyOfRange(probability, i * plane, (i + 1) * plane);
                    float[] back = d == 0 ? view : Dihedral.invert(view, 1, side, d);
                    for (int p = 0; p < plane; p++) {
                        mean[i][p] += back[p] / ensemble;
                    }
                }
            }
            for (int i = 0; i < chunk.size(); i++) {
                accumulator.add(chunk.get(i), mean[i]);
            }
        }
        float[] values = accumulator.result().toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.min(1f, Math.max(0f, values[i]));
        }
        return DamageProbabilities.of(image.height(), image.width(), values);
    }

    /** The pixels of {@code image} whose damage probability reaches {@link #threshold()}. */
    public Mask detect(FloatImage image) {
        return probabilities(image).mask(threshold);
    }

    /** The pixels of {@code image} whose damage probability reaches {@code threshold}, in (0, 1). */
    public Mask detect(FloatImage image, double threshold) {
        return probabilities(image).mask(threshold);
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
