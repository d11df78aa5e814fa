package dev.imagerestore.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelFormatException;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.testing.TinyDamageDetector;
import dev.imagerestore.models.testing.TinyDepthEstimator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-image inference of a damage detector with small random weights: shapes, tiling and thresholds. */
class LearnedDamageDetectorTest {

    @TempDir
    static Path folder;

    private static Path model;

    @BeforeAll
    static void write() throws IOException {
        TorchThreads.configure(1);
        model = TinyDamageDetector.write(folder.resolve("tiny"), 0.3);
    }

    private static LearnedDamageDetector open(int tile, int overlap, int tilesPerBatch) throws IOException {
        return LearnedDamageDetector.load(
                model, Engine.getEngine("PyTorch").defaultDevice(), tile, overlap, tilesPerBatch);
    }

    private static float[] probabilities(FloatImage image, int tile, int overlap, int tilesPerBatch)
            throws IOException {
        try (LearnedDamageDetector detector = open(tile, overlap, tilesPerBatch)) {
            DamageProbabilities p = detector.probabilities(image);
            assertThat(p.height()).isEqualTo(image.height());
            assertThat(p.width()).isEqualTo(image.width());
            return p.values();
        }
    }

    @Test
    void probabilitiesHaveTheImagesSizeAndLieInTheUnitInterval() throws IOException {
        FloatImage image = SyntheticImages.textured(3, 37, 53, 1);

        float[] p = probabilities(image, 16, 4, 4);

        assertThat(p).hasSize(37 * 53);
        float min = 1;
        float max = 0;
        for (float v : p) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(0f);
        assertThat(max).isLessThanOrEqualTo(1f);
        assertThat(max - min).as("random weights still respond to the texture").isGreaterThan(1e-3f);
    }

    @Test
    void anImageWithinOneTileGetsTheSameProbabilitiesWhateverTheTileSize() throws IOException {
        FloatImage image = SyntheticImages.textured(3, 30, 42, 2);

        float[] reference = probabilities(image, 44, 8, 1);
        for (int tile : new int[] {48, 64, 128}) {
            assertThat(probabilities(image, tile, 8, 1))
                    .as("tile %d", tile)
                    .containsExactly(reference, Offset.offset(1e-5f));
        }
    }

    @Test
    void theEightViewEnsembleTurnsWithTheImageAndOneViewIsThePlainDetector() throws IOException {
        FloatImage image = SyntheticImages.textured(3, 32, 32, 4);
        float[] samples = image.toArray();
        float[] turned = new float[samples.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    turned[(c * 32 + y) * 32 + x] = samples[(c * 32 + x) * 32 + (31 - y)];
                }
            }
        }
        FloatImage quarterTurn = FloatImage.wrap(3, 32, 32, image.bitDepth(), turned);
        try (LearnedDamageDetector detector = open(32, 8, 1)) {
            assertThat(detector.probabilities(image, 1).values())
                    .containsExactly(detector.probabilities(image).values());
            float[] plain = detector.probabilities(image).values();
            float[] ensemble = detector.probabilities(image, 8).values();
            float[] ensembleTurned = detector.probabilities(quarterTurn, 8).values();
            float[] plainTurned = detector.probabilities(quarterTurn).values();
            double equivarianceError = 0;
            double plainError = 0;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    equivarianceError = Math.max(
                            equivarianceError, Math.abs(ensembleTurned[y * 32 + x] - ensemble[x * 32 + (31 - y)]));
                    plainError = Math.max(plainError, Math.abs(plainTurned[y * 32 + x] - plain[x * 32 + (31 - y)]));
                }
            }
            assertThat(equivarianceError)
                    .as("the eight views average out the turn")
                    .isLessThan(1e-5);
            assertThat(plainError).as("one view does not").isGreaterThan(1e-4);
            assertThatThrownBy(() -> detector.probabilities(image, 3))
                    .hasMessage("the detector's ensemble must be 1, 2, 4 or 8 views, got 3");
        }
    }

    @Test
    void batchingTilesChangesNothing() throws IOException {
        FloatImage image = SyntheticImages.textured(3, 40, 60, 3);

        float[] oneByOne = probabilities(image, 16, 4, 1);

        assertThat(probabilities(image, 16, 4, 3)).containsExactly(oneByOne, Offset.offset(1e-5f));
        assertThat(probabilities(image, 16, 4, 64)).containsExactly(oneByOne, Offset.offset(1e-5f));
    }

    @Test
    void wherePixelsAreCoveredByOneTileTheyHoldThatTilesOwnProbabilities() throws IOException {
        FloatImage image = SyntheticImages.textured(3, 40, 60, 4);
        TileGrid grid = TileGrid.cover(40, 60, 32, 8, TinyDamageDetector.CONFIG.sizeMultiple());
        List<TileRegion> tiles = grid.tiles();
        TileRegion first = tiles.get(0);
        int rows = tiles.get(grid.columns()).y();
        int columns = tiles.get(1).x();

        float[] tiled = probabilities(image, 32, 8, 4);
        float[] alone = probabilities(crop(image, first.size()), 64, 8, 1);

        assertThat(grid.rows()).isGreaterThan(1);
        assertThat(grid.columns()).isGreaterThan(1);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                assertThat(tiled[y * 60 + x])
                        .as("(%d, %d)", y, x)
                        .isCloseTo(alone[y * first.size() + x], Offset.offset(1e-5f));
            }
        }
    }

    /** The top-left {@code side x side} pixels of {@code image}. */
    private static FloatImage crop(FloatImage image, int side) {
        float[] out = new float[image.channels() * side * side];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    out[(c * side + y) * side + x] = image.get(c, y, x);
                }
            }
        }
        return FloatImage.wrap(image.channels(), side, side, image.bitDepth(), out);
    }

    @Test
    void aGrayscaleImageIsReadAsThreeEqualChannels() throws IOException {
        FloatImage gray = SyntheticImages.textured(1, 24, 28, 5);

        assertThat(probabilities(gray, 32, 8, 1))
                .containsExactly(probabilities(gray.toThreeChannels(), 32, 8, 1), Offset.offset(1e-6f));
    }

    @Test
    void theMaskIsTakenAtTheCardsThresholdUnlessTheCallerNamesAnother() throws IOException {
        FloatImage image = SyntheticImages.textured(3, 32, 32, 6);
        try (LearnedDamageDetector detector = open(32, 8, 1)) {
            float[] p = detector.probabilities(image).values();
            float[] sorted = p.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];

            assertThat(detector.threshold()).as("the card's").isEqualTo(0.3);
            assertThat(detector.detect(image).count()).isEqualTo(flagged(p, 0.3));
            assertThat(detector.detect(image, median).count())
                    .isEqualTo(flagged(p, median))
                    .isBetween(p.length / 2, p.length);
        }
    }

    private static int flagged(float[] probabilities, double threshold) {
        return (int) IntStream.range(0, probabilities.length)
                .filter(i -> probabilities[i] >= threshold)
                .count();
    }

    @Test
    void aModelDirectoryOfAnotherTaskIsRefusedNamingWhatItPredicts() throws IOException {
        Path depth = TinyDepthEstimator.write(folder.resolve("depth"), 16);

        assertThatThrownBy(() -> LearnedDamageDetector.load(depth))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("log-depth")
                .hasMessageContaining("train-detector");
    }
}
