package dev.imagerestore.operators.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.tiles.TileChunk;
import dev.imagerestore.operators.tiles.TiledImage;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The image's fields, the chunk index, then the input samples and the restored samples (if any).
 * Samples go through {@link SampleWire}: input samples decoded from 8- or 16-bit files lie on the
 * level grid and travel as levels, restored samples as floats.
 */
public final class TileChunkSerializer extends ImmutableValueSerializer<TileChunk> {

    public static final TileChunkSerializer INSTANCE = new TileChunkSerializer();
    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(TileChunk chunk, DataOutputView out) throws IOException {
        TiledImage image = chunk.image();
        WireStrings.write(image.relativePath(), out);
        out.writeInt(image.page());
        out.writeInt(image.pages());
        WireStrings.write(image.location(), out);
        WireStrings.write(image.sourceFormat(), out);
        out.writeInt(image.width());
        out.writeInt(image.height());
        out.writeInt(image.channels());
        out.writeInt(image.bitDepth());
        out.writeBoolean(image.alpha());
        WireStrings.write(image.outputPath(), out);
        WireStrings.write(image.format().name(), out);
        out.writeInt(image.tileSize());
        out.writeInt(image.overlap());
        out.writeInt(image.sizeMultiple());
        out.writeInt(image.batch());
        out.writeDouble(image.noiseLevel());
        out.writeInt(chunk.index());
        writeSamples(chunk.inputs(), image.bitDepth(), out);
        out.writeBoolean(chunk.outputs() != null);
        if (chunk.outputs() != null) {
            writeSamples(chunk.outputs(), image.bitDepth(), out);
        }
    }

    @Override
    public TileChunk deserialize(DataInputView in) throws IOException {
        TiledImage image = new TiledImage(
                WireStrings.read(in),
                in.readInt(),
                in.readInt(),
                WireStrings.read(in),
                WireStrings.read(in),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readBoolean(),
                WireStrings.read(in),
                OutputFormat.valueOf(WireStrings.read(in)),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readDouble());
        int index = in.readInt();
        float[] inputs = readSamples(in);
        float[] outputs = in.readBoolean() ? readSamples(in) : null;
        return new TileChunk(image, index, inputs, outputs);
    }

    /** Samples as a one-row image, so that {@link SampleWire} sends levels when they lie on the grid. */
    private static void writeSamples(float[] samples, int bitDepth, DataOutputView out) throws IOException {
        SampleWire.write(FloatImage.wrap(1, 1, samples.length, bitDepth, samples), out);
    }

    private static float[] readSamples(DataInputView in) throws IOException {
        return SampleWire.readImage(in).toArray();
    }

    @Override
    public TypeSerializerSnapshot<TileChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TileChunk> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
