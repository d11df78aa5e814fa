package dev.imagerestore.operators.internal;

import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.SideFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Report fields, timings in order, the encoded bytes as one length-prefixed block, then the masked
 * fraction, the restoration measures and the side file (path and length-prefixed bytes), each
 * optional field behind a presence flag.
 */
public final class RestoredImageSerializer extends ImmutableValueSerializer<RestoredImage> {

    public static final RestoredImageSerializer INSTANCE = new RestoredImageSerializer();
    private static final long serialVersionUID = 3L;

    @Override
    public void serialize(RestoredImage image, DataOutputView out) throws IOException {
        WireStrings.write(image.inputPath(), out);
        WireStrings.write(image.outputPath(), out);
        WireStrings.write(image.format().name(), out);
        out.writeInt(image.width());
        out.writeInt(image.height());
        out.writeInt(image.bitDepth());
        WireStrings.write(image.task(), out);
        out.writeBoolean(image.noiseLevel().isPresent());
        out.writeDouble(image.noiseLevel().orElse(0));
        out.writeInt(image.timingsMillis().size());
        for (Map.Entry<String, Long> e : image.timingsMillis().entrySet()) {
            WireStrings.write(e.getKey(), out);
            out.writeLong(e.getValue());
        }
        out.writeInt(image.encodedLength());
        image.openStream().transferTo(new ViewOutputStream(out));
        out.writeBoolean(image.maskedFraction().isPresent());
        out.writeDouble(image.maskedFraction().orElse(0));
        writeOptional(image.rmsChange(), out);
        writeOptional(image.maskConfidence(), out);
        out.writeBoolean(image.sideFile().isPresent());
        if (image.sideFile().isPresent()) {
            SideFile file = image.sideFile().get();
            WireStrings.write(file.outputPath(), out);
            out.writeInt(file.length());
            file.openStream().transferTo(new ViewOutputStream(out));
        }
        out.writeInt(image.page());
    }

    private static void writeOptional(OptionalDouble value, DataOutputView out) throws IOException {
        out.writeBoolean(value.isPresent());
        out.writeDouble(value.orElse(0));
    }

    private static OptionalDouble readOptional(DataInputView in) throws IOException {
        boolean present = in.readBoolean();
        double value = in.readDouble();
        return present ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    @Override
    public RestoredImage deserialize(DataInputView in) throws IOException {
        String input = WireStrings.read(in);
        String output = WireStrings.read(in);
        OutputFormat format = OutputFormat.valueOf(WireStrings.read(in));
        int width = in.readInt();
        int height = in.readInt();
        int depth = in.readInt();
        String task = WireStrings.read(in);
        boolean hasNoise = in.readBoolean();
        double noise = in.readDouble();
        int timingCount = WireStrings.readLength(in, "timings");
        Map<String, Long> timings = new LinkedHashMap<>();
        for (int i = 0; i < timingCount; i++) {
            timings.put(WireStrings.read(in), in.readLong());
        }
        byte[] encoded = new byte[WireStrings.readLength(in, "encoded image")];
        in.readFully(encoded);
        OptionalDouble fraction = readOptional(in);
        OptionalDouble rms = readOptional(in);
        OptionalDouble confidence = readOptional(in);
        Optional<SideFile> side = Optional.empty();
        if (in.readBoolean()) {
            String path = WireStrings.read(in);
            byte[] bytes = new byte[WireStrings.readLength(in, "side file")];
            in.readFully(bytes);
            side = Optional.of(new SideFile(path, bytes));
        }
        return new RestoredImage(
                        input,
                        output,
                        format,
                        encoded,
                        width,
                        height,
                        depth,
                        task,
                        hasNoise ? OptionalDouble.of(noise) : OptionalDouble.empty(),
                        timings,
                        fraction,
                        rms,
                        confidence,
                        side)
                .withPage(in.readInt());
    }

    @Override
    public TypeSerializerSnapshot<RestoredImage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RestoredImage> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
