package dev.imagerestore.operators.tiles;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.DecodeFunction;
import dev.imagerestore.operators.decode.ImageBands;
import dev.imagerestore.operators.decode.ImageDecodeException;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.sink.ExistingOutputFilter;
import dev.imagerestore.operators.sink.ExistingOutputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Cuts each {@linkplain ImageFile#located located} image into {@link TileChunk}s, reading it band by
 * band ({@link ImageBands}): the rows of one grid row of tiles at a time, so memory holds one band
 * and one chunk, whatever the image's size. The tiles are those of the grid the whole-image path
 * uses, with the same samples, in grid order, {@code batch} to a chunk.
 *
 * <p>Before an image is cut, its task's {@link NoiseProbe} gives it its noise level: a fixed one,
 * or one estimated on a sample of windows spread over the image ({@link #sample}).
 *
 * <p>Every other file, and a located one this path does not take (a page with an EXIF/TIFF
 * orientation to apply, an animated GIF), goes to {@link #WHOLE}, to be decoded whole. A page above
 * {@code --max-pixels}, one that cannot be read, and one whose output exists (without overwrite)
 * gets its dead letter; the other pages of the file go on. An existing output that an earlier run
 * wrote and did not report gets its "ok" line, marked recovered, on {@link ExistingOutputFilter#RECOVERED},
 * as in the whole-image path.
 */
public final class SplitIntoTiles extends ProcessFunction<ImageFile, TileChunk> {

    /** Files decoded whole, as before this stage. */
    public static final OutputTag<ImageFile> WHOLE = new OutputTag<>("whole-images", ImageTypes.IMAGE_FILE);

    /** Accumulator of the tiles cut so far, over all images: the total of the progress within images. */
    public static final String TILES_TOTAL = "report.tiles.total";

    private static final long serialVersionUID = 1L;

    /**
     * How the device stage cuts images.
     *
     * @param tileSize the largest tile side
     * @param overlap pixels shared by neighbouring tiles
     * @param sizeMultiple the model's spatial multiple
     * @param batch tiles per chunk (one forward pass)
     */
    public record Cutting(int tileSize, int overlap, int sizeMultiple, int batch) implements java.io.Serializable {}

    private final ImageEncoder encoder;
    private final ExistingOutputs existing;
    private final long maxPixels;
    private final Cutting cutting;
    private final NoiseProbe noise;
    private transient LongCounter admitted;
    private transient LongCounter tilesTotal;

    public SplitIntoTiles(
            Path inputRoot, Path outputRoot, ImageEncoder encoder, boolean overwrite, long maxPixels, Cutting cutting) {
        this(inputRoot, outputRoot, encoder, overwrite, maxPixels, cutting, NoiseProbe.NONE);
    }

    /** As above, with the noise level each image gets from {@code noise}. */
    public SplitIntoTiles(
            Path inputRoot,
            Path outputRoot,
            ImageEncoder encoder,
            boolean overwrite,
            long maxPixels,
            Cutting cutting,
            NoiseProbe noise) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.existing = new ExistingOutputs(inputRoot, outputRoot, overwrite);
        this.maxPixels = maxPixels;
        this.cutting = Objects.requireNonNull(cutting, "cutting");
        this.noise = Objects.requireNonNull(noise, "noise");
    }

    @Override
    public void open(OpenContext openContext) {
        admitted = getRuntimeContext().getLongCounter(DecodeFunction.ADMITTED);
        tilesTotal = getRuntimeContext().getLongCounter(TILES_TOTAL);
    }

    @Override
    public void processElement(ImageFile file, Context ctx, Collector<TileChunk> out) {
        if (file.location().isEmpty()) {
            ctx.output(WHOLE, file);
            return;
        }
        try (ImageBands bands = ImageBands.open(file, maxPixels)) {
            List<ImageBands.Page> pages = new ArrayList<>();
            for (int page = 1; page <= bands.pages(); page++) {
                try {
                    pages.add(bands.page(page));
                } catch (ImageDecodeException e) {
                    letter(ctx, onPage(DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e), page, bands));
                }
            }
            if (pages.stream().anyMatch(p -> !p.bandable())) {
                // pixels to turn or frames to composite: the whole-image decoder does it (and reports every page)
                ctx.output(WHOLE, file);
                return;
            }
            for (ImageBands.Page page : pages) {
                split(file, bands, page, ctx, out);
            }
        } catch (ImageDecodeException e) {
            letter(ctx, DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e));
        }
    }

    private void split(ImageFile file, ImageBands bands, ImageBands.Page page, Context ctx, Collector<TileChunk> out) {
        String pagePath = page.pages() > 1
                ? dev.imagerestore.operators.DecodedImage.pagePath(file.relativePath(), page.page())
                : file.relativePath();
        String output = encoder.outputPathFor(pagePath, bands.format(), page.alpha(), page.channels());
        Optional<Either<ReportLine, DeadLetter>> verdict =
                existing.verdict(file.relativePath(), page.page(), page.pages(), output, page.width(), page.height());
        if (verdict.isPresent()) {
            if (verdict.get().isLeft()) {
                admitted.add(1L);
                ctx.output(ExistingOutputFilter.RECOVERED, verdict.get().left());
            } else {
                letter(ctx, verdict.get().right());
            }
            return;
        }
        OutputFormat format = encoder.formatFor(bands.format(), page.alpha());
        Optional<String> tooLarge = format.cannotHold(
                page.width(), page.height(), page.channels() + (page.alpha() ? 1 : 0), page.bitDepth());
        if (tooLarge.isPresent()) {
            letter(
                    ctx,
                    new DeadLetter(
                                    file.relativePath(),
                                    PipelineStage.ENCODE,
                                    "output " + output + ": " + tooLarge.get())
                            .aboutPage(page.page(), page.pages()));
            return;
        }
        double noiseLevel;
        try {
            noiseLevel = noise.noiseLevel(() -> sample(bands, page));
        } catch (SampleFailure e) {
            letter(
                    ctx,
                    onPage(DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e.getCause()), page.page(), bands));
            return;
        }
        TiledImage image = new TiledImage(
                file.relativePath(),
                page.page(),
                page.pages(),
                file.location().orElseThrow().toString(),
                bands.format(),
                page.width(),
                page.height(),
                page.channels(),
                page.bitDepth(),
                page.alpha(),
                output,
                format,
                cutting.tileSize(),
                cutting.overlap(),
                cutting.sizeMultiple(),
                cutting.batch(),
                noiseLevel);
        admitted.add(1L);
        tilesTotal.add((long) image.grid().size());
        try {
            emitChunks(image, bands, out);
        } catch (ImageDecodeException e) {
            // chunks already sent are dropped by the assembler once it sees this image's failure
            ctx.output(
                    FAILED_AFTER_START,
                    onPage(DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e), page.page(), bands));
        }
    }

    /**
     * Dead letters of images some of whose chunks were already sent when their reading failed: they go
     * to the assembler, which drops the image and reports it once.
     */
    public static final OutputTag<DeadLetter> FAILED_AFTER_START =
            new OutputTag<>("tiled-image-failures", ImageTypes.DEAD_LETTER);

    private static void emitChunks(TiledImage image, ImageBands bands, Collector<TileChunk> out)
            throws ImageDecodeException {
        TileGrid grid = image.grid();
        List<TileRegion> tiles = grid.tiles();
        List<float[]> pending = new ArrayList<>(image.batch());
        int chunk = 0;
        for (int row = 0; row < grid.rows(); row++) {
            int[] rows = grid.rowsRead(row);
            FloatImage band = bands.read(image.page(), rows[0], rows[1]).colour();
            for (int column = 0; column < grid.columns(); column++) {
                pending.add(grid.extract(band, rows[0], tiles.get(row * grid.columns() + column), 3));
                if (pending.size() == image.batch()) {
                    out.collect(TileChunk.of(image, chunk++, TileChunk.concat(pending)));
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            out.collect(TileChunk.of(image, chunk, TileChunk.concat(pending)));
        }
    }

    /** Side of the windows a noise estimate samples, and how many along each axis at most. */
    static final int SAMPLE_SIDE = 128;

    static final int SAMPLES_PER_AXIS = 8;

    /**
     * The sample a noise estimate reads: up to {@value #SAMPLES_PER_AXIS} x {@value #SAMPLES_PER_AXIS}
     * windows of {@value #SAMPLE_SIDE} pixels spread evenly over the page, side by side in one
     * mosaic (at most 1024 x 1024), read band by band.
     */
    static FloatImage sample(ImageBands bands, ImageBands.Page page) {
        int side = Math.min(SAMPLE_SIDE, Math.min(page.width(), page.height()));
        int across = Math.max(1, Math.min(SAMPLES_PER_AXIS, page.width() / side));
        int down = Math.max(1, Math.min(SAMPLES_PER_AXIS, page.height() / side));
        int channels = page.channels();
        float[] mosaic = new float[channels * down * side * across * side];
        int mosaicWidth = across * side;
        int mosaicHeight = down * side;
        try {
            for (int r = 0; r < down; r++) {
                int top = down == 1 ? 0 : (int) ((long) r * (page.height() - side) / (down - 1));
                FloatImage band = bands.read(page.page(), top, top + side).colour();
                for (int c = 0; c < across; c++) {
                    int left = across == 1 ? 0 : (int) ((long) c * (page.width() - side) / (across - 1));
                    for (int ch = 0; ch < channels; ch++) {
                        for (int y = 0; y < side; y++) {
                            for (int x = 0; x < side; x++) {
                                mosaic[(ch * mosaicHeight + r * side + y) * mosaicWidth + c * side + x] =
                                        band.get(ch, y, left + x);
                            }
                        }
                    }
                }
            }
        } catch (ImageDecodeException e) {
            throw new SampleFailure(e);
        }
        return FloatImage.wrap(channels, mosaicHeight, mosaicWidth, page.bitDepth(), mosaic);
    }

    /** A failure to read the sample, carried out of the probe's supplier. */
    private static final class SampleFailure extends RuntimeException {
        SampleFailure(ImageDecodeException cause) {
            super(cause);
        }
    }

    private static DeadLetter onPage(DeadLetter letter, int page, ImageBands bands) {
        return bands.pages() > 1 ? letter.onPage(page) : letter;
    }

    private void letter(Context ctx, DeadLetter letter) {
        admitted.add(1L);
        ctx.output(DeadLetter.OUTPUT_TAG, letter);
    }
}
