package dev.imagerestore.operators.tiles;

import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work of a {@link TiledImage}: the tiles {@code [index x batch, ...)} of its grid, in
 * grid order, at most {@code batch} of them, one forward pass. It carries the tiles' input samples
 * (planar three-channel, as {@link TileGrid#extract} gives them, one after another) and, once the
 * device has run, their restored samples in the same layout.
 *
 * <p>Immutable by convention: the arrays are the record's and nobody modifies them. Its type
 * information is {@link dev.imagerestore.operators.ImageTypes#TILE_CHUNK}.
 */
public record TileChunk(TiledImage image, int index, float[] inputs, float[] outputs) {

    public TileChunk {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(inputs, "inputs");
        if (index < 0) {
            throw new IllegalArgumentException("chunk index must be >= 0, got " + index);
        }
        if (outputs != null && outputs.length != inputs.length) {
            throw new IllegalArgumentException(
                    "a chunk's outputs must match its " + inputs.length + " input samples, " + "got " + outputs.length);
        }
    }

    /** A chunk before the device: its input samples only. */
    public static TileChunk of(TiledImage image, int index, float[] inputs) {
        return new TileChunk(image, index, inputs, null);
    }

    /** This chunk with its restored samples. */
    public TileChunk withOutputs(float[] restored) {
        return new TileChunk(image, index, inputs, Objects.requireNonNull(restored, "restored"));
    }

    /** The restored samples, once the device has run. */
    public Optional<float[]> restored() {
        return Optional.ofNullable(outputs);
    }

    /** The grid index of this chunk's first tile. */
    public int firstTile() {
        return index * image.batch();
    }

    /** This chunk's tiles of {@code grid} (the image's). */
    public List<TileRegion> regions(TileGrid grid) {
        int first = firstTile();
        List<TileRegion> regions = new ArrayList<>(image.batch());
        for (int index = first; index < Math.min(grid.size(), first + image.batch()); index++) {
            regions.add(grid.tile(index));
        }
        return regions;
    }

    /** The samples of tile {@code k} of this chunk, out of {@code samples} (its inputs or outputs). */
    public static float[] tile(float[] samples, int k, int tileSize) {
        int n = 3 * tileSize * tileSize;
        return Arrays.copyOfRange(samples, k * n, (k + 1) * n);
    }

    /** {@code samples} of one tile each, one after another. */
    public static float[] concat(List<float[]> samples) {
        int length = samples.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[length];
        int at = 0;
        for (float[] a : samples) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    /** The input samples of each tile. */
    public List<float[]> inputTiles(int tileSize) {
        int n = inputs.length / (3 * tileSize * tileSize);
        List<float[]> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(tile(inputs, k, tileSize));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileChunk other
                && image.equals(other.image)
                && index == other.index
                && Arrays.equals(inputs, other.inputs)
                && Arrays.equals(outputs, other.outputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, index);
    }

    @Override
    public String toString() {
        return "TileChunk[" + image.pagePath() + " #" + index + ", " + inputs.length + " samples"
                + (outputs == null ? "" : ", restored") + "]";
    }
}
