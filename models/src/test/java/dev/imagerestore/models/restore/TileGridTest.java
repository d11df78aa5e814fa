package dev.imagerestore.models.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.models.image.FloatImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileGridTest {

    @ParameterizedTest
    @CsvSource({
        "321, 481, 256, 32, 8", // a BSD photograph
        "256, 256, 256, 32, 8", // exactly one tile
        "257, 700, 64, 16, 4", // one pixel past a tile
        "500, 130, 128, 64, 8", // three tiles where 2 x step < side: triple overlaps
        "10, 13, 32, 8, 4", // smaller than a tile: padded
        "1, 1, 16, 4, 8",
        "90, 45, 32, 0, 4" // no requested overlap
    })
    void blendingWeightsSumToOneAtEveryPixel(int height, int width, int tile, int overlap, int multiple) {
        TileGrid grid = TileGrid.cover(height, width, tile, overlap, multiple);
        double[] sums = new double[height * width];
        for (TileRegion region : grid.tiles()) {
            for (int dy = 0; dy < region.size(); dy++) {
                for (int dx = 0; dx < region.size(); dx++) {
                    int y = region.y() + dy;
                    int x = region.x() + dx;
                    float w = grid.weight(region, dy, dx);
                    assertThat(w).isBetween(0f, 1f);
                    if (y < height && x < width) {
                        sums[y * width + x] += w;
                    }
                }
            }
        }
        for (int i = 0; i < sums.length; i++) {
            assertThat(sums[i]).as("weight sum at pixel %d", i).isCloseTo(1.0, offset(1e-6));
        }
    }

    @ParameterizedTest
    @CsvSource({"321, 481, 256, 32, 8", "1000, 300, 96, 24, 16", "40, 40, 32, 8, 8"})
    void tilesAreSquareMultiplesThatOverlapByAtLeastTheRequestedAmount(int h, int w, int tile, int overlap, int m) {
        TileGrid grid = TileGrid.cover(h, w, tile, overlap, m);
        assertThat(grid.tileSize() % m).isZero();
        List<TileRegion> tiles = grid.tiles();
        assertThat(tiles).hasSize(grid.rows() * grid.columns());
        for (TileRegion t : tiles) {
            assertThat(grid.indexOf(t)).isEqualTo(tiles.indexOf(t));
            assertThat(t.y() + t.size()).isLessThanOrEqualTo(Math.max(h, grid.tileSize()));
            assertThat(t.x() + t.size()).isLessThanOrEqualTo(Math.max(w, grid.tileSize()));
            if (t.column() > 0) {
                TileRegion left = tiles.get(grid.indexOf(t) - 1);
                assertThat(left.x() + left.size() - t.x()).isGreaterThanOrEqualTo(overlap);
            }
        }
        TileRegion last = tiles.get(tiles.size() - 1);
        assertThat(last.y() + last.size()).isEqualTo(Math.max(h, grid.tileSize()));
        assertThat(last.x() + last.size()).isEqualTo(Math.max(w, grid.tileSize()));
    }

    @Test
    void imageSmallerThanATileIsPaddedToTheNextValidSize() {
        TileGrid grid = TileGrid.cover(10, 13, 256, 32, 8);
        assertThat(grid.tileSize()).isEqualTo(16);
        assertThat(grid.size()).isEqualTo(1);
    }

    @Test
    void tileSideIsFittedToThePhotographSoFewerPixelsAreComputed() {
        // 321x481 at side 160, overlap 16: 3x4 tiles, 307200 samples for 154401 pixels. Side 120 needs
        // ceil(305/104) = 3 rows and ceil(465/104) = 5 columns: 15 x 14400 = 216000 samples, the fewest
        // of the sides 80..160 (side 136: 3x4 x 18496 = 221952; side 128: 3x5 x 16384 = 245760).
        TileGrid grid = TileGrid.cover(321, 481, 160, 16, 8);
        assertThat(grid.tileSize()).isEqualTo(120);
        assertThat(grid.rows()).isEqualTo(3);
        assertThat(grid.columns()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({
        "321, 481, 160, 16, 8",
        "3000, 4000, 160, 16, 8",
        "1000, 300, 96, 24, 16",
        "200, 170, 160, 16, 8",
        "2048, 2048, 256, 32, 8",
        "161, 161, 160, 16, 8"
    })
    void fittedSideNeverComputesMoreThanTheRequestedSideAndStaysWithinItsRange(
            int h, int w, int tile, int overlap, int m) {
        TileGrid fitted = TileGrid.cover(h, w, tile, overlap, m);
        long fittedSamples = (long) fitted.size() * fitted.tileSize() * fitted.tileSize();
        long requestedSamples = (long) Math.ceil((double) (h - overlap) / (tile - overlap))
                * (long) Math.ceil((double) (w - overlap) / (tile - overlap))
                * tile
                * tile;
        assertThat(fittedSamples).isLessThanOrEqualTo(requestedSamples);
        assertThat(fitted.tileSize()).isBetween(tile / 2, tile);
        assertThat(fitted.tileSize() % m).isZero();
    }

    @Test
    void extractionReflectsPastTheImageEdgeAndRepeatsGrayAsThreeChannels() {
        FloatImage image = SyntheticImages.random(1, 5, 3, 8, 1);
        TileGrid grid = TileGrid.cover(5, 3, 32, 8, 8);
        float[] tile = grid.extract(image, grid.tiles().get(0), 3);
        int s = grid.tileSize();
        int[] rowMap = {0, 1, 2, 3, 4, 3, 2, 1, 0};
        int[] columnMap = {0, 1, 2, 1, 0, 1, 2, 1};
        for (int c = 0; c < 3; c++) {
            for (int dy = 0; dy < s; dy++) {
                for (int dx = 0; dx < s; dx++) {
                    float expected = image.get(0, rowMap[dy % 8], columnMap[dx % 4]);
                    assertThat(tile[(c * s + dy) * s + dx]).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void accumulatorNeedsEveryTileExactlyOnce() {
        TileGrid grid = TileGrid.cover(40, 40, 32, 8, 8);
        TileAccumulator accumulator = new TileAccumulator(grid, 3, 8);
        int s = grid.tileSize();
        TileRegion first = grid.tiles().get(0);
        accumulator.add(first, new float[3 * s * s]);
        assertThatThrownBy(() -> accumulator.add(first, new float[3 * s * s]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("added twice");
        assertThatThrownBy(accumulator::result)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 of " + grid.size() + " tiles");
        assertThatThrownBy(() -> accumulator.add(new TileRegion(0, 1, 0, 5, s), new float[3 * s * s]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a tile of");
    }

    @Test
    void bandsAddedInGridOrderAreBitIdenticalToTheRowsOfTheWholeResult() {
        TileGrid grid = TileGrid.cover(70, 45, 32, 8, 8);
        java.util.Random random = new java.util.Random(7);
        int s = grid.tileSize();
        List<float[]> tiles = new java.util.ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            float[] samples = new float[3 * s * s];
            for (int k = 0; k < samples.length; k++) {
                samples[k] = random.nextFloat();
            }
            tiles.add(samples);
        }
        for (int channels : new int[] {1, 3}) {
            TileAccumulator whole = new TileAccumulator(grid, channels, 16);
            for (int i = 0; i < grid.size(); i++) {
                whole.add(grid.tiles().get(i), tiles.get(i));
            }
            float[] expected = whole.result().toArray();
            int[] cuts = {0, 13, 14, 40, 69, 70};
            for (int b = 0; b + 1 < cuts.length; b++) {
                TileAccumulator band = TileAccumulator.rows(grid, channels, 16, cuts[b], cuts[b + 1]);
                for (int i = 0; i < grid.size(); i++) {
                    if (band.overlaps(grid.tiles().get(i))) {
                        band.add(grid.tiles().get(i), tiles.get(i));
                    }
                }
                FloatImage rows = band.result();
                assertThat(rows.height()).isEqualTo(cuts[b + 1] - cuts[b]);
                float[] actual = rows.toArray();
                int bandSize = rows.height() * 45;
                for (int c = 0; c < channels; c++) {
                    float[] want = java.util.Arrays.copyOfRange(
                            expected, c * 70 * 45 + cuts[b] * 45, c * 70 * 45 + cuts[b + 1] * 45);
                    float[] got = java.util.Arrays.copyOfRange(actual, c * bandSize, (c + 1) * bandSize);
                    assertThat(got)
                            .as("channel %d of rows [%d, %d)", c, cuts[b], cuts[b + 1])
                            .containsExactly(want);
                }
            }
        }
        TileAccumulator top = TileAccumulator.rows(grid, 3, 8, 0, 10);
        TileRegion last = grid.tiles().get(grid.size() - 1);
        assertThatThrownBy(() -> top.add(last, tiles.get(grid.size() - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not cover rows [0, 10)");
        assertThatThrownBy(top::result)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 of ");
    }

    @Test
    void tilesExtractedFromBandsAreTheSamplesOfTheWholeImageReflectionIncluded() {
        FloatImage image = SyntheticImages.textured(3, 20, 75, 5);
        TileGrid grid = TileGrid.cover(20, 75, 32, 8, 8);
        for (TileRegion tile : grid.tiles()) {
            int[] rows = grid.rowsRead(tile.row());
            assertThat(rows).as("a 20-row image reflects to fill 32-row tiles").containsExactly(0, 20);
            FloatImage band = image.rows(rows[0], rows[1]);
            assertThat(grid.extract(band, rows[0], tile, 3)).containsExactly(grid.extract(image, tile, 3));
        }
        TileGrid tall = TileGrid.cover(90, 30, 32, 8, 8);
        FloatImage gray = SyntheticImages.textured(1, 90, 30, 6);
        TileRegion middle = tall.tiles().get(tall.columns());
        int[] rows = tall.rowsRead(middle.row());
        assertThat(rows).containsExactly(middle.y(), middle.y() + tall.tileSize());
        assertThat(tall.extract(gray.rows(rows[0], rows[1]), rows[0], middle, 3))
                .containsExactly(tall.extract(gray, middle, 3));
        assertThatThrownBy(() -> tall.extract(gray.rows(rows[0] + 1, rows[1]), rows[0] + 1, middle, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not hold rows");
    }

    @Test
    void aTileByIndexIsTheOneTheListHolds() {
        TileGrid grid = TileGrid.cover(70, 45, 32, 8, 8);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.tile(i)).isEqualTo(grid.tiles().get(i));
        }
        assertThatThrownBy(() -> grid.tile(grid.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void invalidTilingIsRejectedWithTheFix() {
        assertThatThrownBy(() -> TileGrid.cover(100, 100, 250, 32, 8))
                .hasMessageContaining("tile size 250")
                .hasMessageContaining("multiple of the network's size multiple 8")
                .hasMessageContaining("choose e.g. 248");
        assertThatThrownBy(() -> TileGrid.cover(100, 100, 64, 40, 8))
                .hasMessageContaining("tile overlap 40")
                .hasMessageContaining("[0, tileSize/2 = 32]");
    }
}
