package dev.imagerestore.operators.tiles.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileAccumulator;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.ImageBands;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.tiles.TileChunk;
import dev.imagerestore.operators.tiles.TiledImage;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stitches one {@link TiledImage} from its restored chunks, in bounded memory, and encodes it.
 *
 * <p>The image's rows are cut into bands at the starts of its grid rows of tiles. A band is finished
 * as soon as every tile that covers it has arrived: its rows are blended by a
 * {@link TileAccumulator#rows band accumulator} from those tiles in grid order (so each sample is the
 * very sum the whole-image path computes), quantized to the written bit depth with the source's
 * alpha rows re-attached ({@link ImageEncoder#compose}, alpha read again from the file by band) and
 * appended to a spool file ({@link StripSpool}); tiles no later band needs are dropped. Memory holds
 * the tiles of about two grid rows, whatever the image's height. When the last band is in,
 * {@link #encode} writes the output from the spool, the writer pulling its rows
 * ({@link SpooledImage}).
 *
 * <p>Also measures the root-mean-square change from the input (its samples travel with the tiles,
 * blended the same way), in 8-bit levels.
 *
 * <p>A continuous run checkpoints an assembly part way ({@link #snapshot()}: the spool forced to
 * disk, the tiles that arrived, the ones still needed and the bands finished) and resumes it from
 * that ({@link #restore}), writing on into the same spool. Not thread-safe; close it to delete the
 * spool, or {@link #release()} it to keep the spool for a checkpoint that still counts on it.
 */
public final class ImageAssembly implements AutoCloseable {

    private final TiledImage image;
    private final TileGrid grid;
    private final List<TileRegion> tiles;
    private final int[] bandStarts;
    private final int[] arrivedInRow;
    private final BitSet arrived = new BitSet();
    private final HashMap<Integer, float[][]> pending = new HashMap<>();
    private final Supplier<Path> spoolFile;
    private final long startedNanos = System.nanoTime();
    private int nextBand;
    private Path spoolPath;
    private StripSpool spool;
    private ColorModel colours;
    private ImageBands source;
    private double squaredChange;

    /**
     * @param spoolFile where the spool goes, asked for when the first band is finished (a new file
     *     beside the output, which {@link #close()} deletes)
     */
    public ImageAssembly(TiledImage image, Supplier<Path> spoolFile) {
        this.image = image;
        this.grid = image.grid();
        this.tiles = grid.tiles();
        this.spoolFile = spoolFile;
        this.arrivedInRow = new int[grid.rows()];
        this.bandStarts = new int[grid.rows() + 1];
        for (int row = 0; row < grid.rows(); row++) {
            bandStarts[row] = tiles.get(row * grid.columns()).y();
        }
        bandStarts[grid.rows()] = image.height();
    }

    public TiledImage image() {
        return image;
    }

    /** What a checkpoint keeps of an assembly part way; see {@link #snapshot()}. */
    private record State(
            TiledImage image,
            int nextBand,
            String spoolPath,
            double squaredChange,
            long[] arrived,
            HashMap<Integer, float[][]> pending)
            implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * This assembly as a checkpoint keeps it: the spool's rows are forced to disk first, so that the
     * bands it counts as finished are there after a crash.
     */
    public byte[] snapshot() throws IOException {
        if (spool != null) {
            spool.force();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new State(
                    image,
                    nextBand,
                    spoolPath == null ? null : spoolPath.toString(),
                    squaredChange,
                    arrived.toLongArray(),
                    pending));
        }
        return bytes.toByteArray();
    }

    /**
     * The assembly {@code snapshot} was taken of, resumed: later chunks finish its remaining bands
     * into the spool the snapshot names (or, if it had none yet, a new one {@code spoolFile} gives for
     * the image).
     */
    public static ImageAssembly restore(byte[] snapshot, Function<TiledImage, Path> spoolFile) throws IOException {
        State state;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            state = (State) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("a checkpointed image assembly of another version cannot be read: " + e, e);
        }
        ImageAssembly assembly = new ImageAssembly(state.image(), () -> spoolFile.apply(state.image()));
        assembly.nextBand = state.nextBand();
        assembly.spoolPath = state.spoolPath() == null ? null : Path.of(state.spoolPath());
        assembly.squaredChange = state.squaredChange();
        assembly.arrived.or(BitSet.valueOf(state.arrived()));
        for (int index = assembly.arrived.nextSetBit(0); index >= 0; index = assembly.arrived.nextSetBit(index + 1)) {
            assembly.arrivedInRow[assembly.tiles.get(index).row()]++;
        }
        assembly.pending.putAll(state.pending());
        return assembly;
    }

    /** Tiles arrived so far, and in all. */
    public int tilesDone() {
        return arrived.cardinality();
    }

    public int tilesTotal() {
        return grid.size();
    }

    /** Whether every band is in the spool. */
    public boolean complete() {
        return nextBand == grid.rows();
    }

    /** Milliseconds since this assembly began (its first chunk arrived). */
    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Takes a restored chunk and finishes every band it completes.
     *
     * @throws IllegalArgumentException for a chunk of another image, without its outputs, or sent twice
     */
    public void add(TileChunk chunk) throws IOException, ImageDecodeException {
        if (!chunk.image().equals(image) || chunk.outputs() == null) {
            throw new IllegalArgumentException("chunk " + chunk + " is not a restored chunk of " + image.pagePath());
        }
        int s = grid.tileSize();
        List<TileRegion> regions = chunk.regions(grid);
        for (int k = 0; k < regions.size(); k++) {
            int index = chunk.firstTile() + k;
            if (arrived.get(index)) {
                throw new IllegalArgumentException("tile " + index + " of " + image.pagePath() + " arrived twice");
            }
            arrived.set(index);
            arrivedInRow[regions.get(k).row()]++;
            pending.put(
                    index, new float[][] {TileChunk.tile(chunk.inputs(), k, s), TileChunk.tile(chunk.outputs(), k, s)});
        }
        while (nextBand < grid.rows() && bandReady(nextBand)) {
            finishBand(nextBand++);
        }
    }

    private boolean bandReady(int band) {
        for (int row = 0; row < grid.rows(); row++) {
            if (covers(row, band) && arrivedInRow[row] < grid.columns()) {
                return false;
            }
        }
        return true;
    }

    private boolean covers(int row, int band) {
        int y = bandStarts[row];
        return y < bandStarts[band + 1] && y + grid.tileSize() > bandStarts[band];
    }

    private void finishBand(int band) throws IOException, ImageDecodeException {
        int from = bandStarts[band];
        int to = bandStarts[band + 1];
        TileAccumulator restored = TileAccumulator.rows(grid, image.channels(), image.bitDepth(), from, to);
        TileAccumulator input = TileAccumulator.rows(grid, image.channels(), image.bitDepth(), from, to);
        for (int index = 0; index < tiles.size(); index++) {
            TileRegion tile = tiles.get(index);
            if (restored.overlaps(tile)) {
                float[][] samples = pending.get(index);
                input.add(tile, samples[0]);
                restored.add(tile, samples[1]);
            }
        }
        FloatImage colour = restored.result();
        squaredChange += squaredDifference(input.result(), colour);
        AlphaPlane alpha = image.alpha() && image.format().supportsAlpha()
                ? source().read(image.page(), from, to).alpha().orElseThrow()
                : null;
        BufferedImage rows = ImageEncoder.compose(colour, alpha, image.format());
        if (spool == null) {
            if (spoolPath == null) {
                spoolPath = spoolFile.get();
                Files.createDirectories(spoolPath.getParent());
                spool = new StripSpool(spoolPath, image.width(), image.height(), rows.getSampleModel());
            } else {
                spool = StripSpool.reopen(spoolPath, image.width(), image.height(), rows.getSampleModel());
            }
            colours = rows.getColorModel();
        }
        spool.write(rows.getRaster(), from);
        int next = band + 1 < grid.rows() ? bandStarts[band + 1] : image.height();
        pending.keySet().removeIf(index -> tiles.get(index).y() + grid.tileSize() <= next);
    }

    private static double squaredDifference(FloatImage a, FloatImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = y[i] - x[i];
            sum += d * d;
        }
        return sum;
    }

    /** Root-mean-square change from the input, in 8-bit levels, over the bands finished so far. */
    public double rmsChange() {
        return 255 * Math.sqrt(squaredChange / ((double) image.channels() * image.width() * image.height()));
    }

    /**
     * Writes the finished image into the new file {@code target} with the source's metadata and the
     * provenance record of {@code task}.
     *
     * @throws IllegalStateException before every band is in
     */
    public void encode(ImageEncoder encoder, String task, Path target) throws IOException, ImageDecodeException {
        if (!complete()) {
            throw new IllegalStateException(nextBand + " of " + grid.rows() + " bands of " + image.pagePath()
                    + " are finished; encode it once all its tiles are in");
        }
        ImageBands bands = source();
        bands.page(image.page());
        ImageMetadata metadata = encoder.outputMetadata(
                bands.metadata(image.page(), image.channels()),
                1,
                image.relativePath(),
                image.page(),
                image.pages(),
                task,
                image.noise());
        encoder.write(
                new SpooledImage(spool, colours, image.width(), image.height()), image.format(), metadata, target);
    }

    private ImageBands source() throws IOException, ImageDecodeException {
        if (source == null) {
            Path location = Path.of(image.location());
            source = ImageBands.open(ImageFile.located(image.relativePath(), Files.size(location), 0, location));
        }
        return source;
    }

    /** Closes the source and deletes the spool. */
    @Override
    public void close() throws IOException {
        Optional<Path> kept = release();
        if (kept.isPresent()) {
            Files.deleteIfExists(kept.get());
        }
    }

    /**
     * Closes the source and the spool but keeps the spool's file, for a checkpoint that may still
     * resume this image from it; returns that file, if the assembly made one.
     */
    public Optional<Path> release() throws IOException {
        try {
            if (source != null) {
                source.close();
            }
        } finally {
            if (spool != null) {
                spool.close();
            }
        }
        return Optional.ofNullable(spoolPath);
    }
}
