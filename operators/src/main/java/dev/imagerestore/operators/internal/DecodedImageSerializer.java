package dev.imagerestore.operators.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageMetadata;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Path, page and format, colour and alpha in {@link SampleWire}'s compact form, then the source's metadata blocks. */
public final class DecodedImageSerializer extends ImmutableValueSerializer<DecodedImage> {

    public static final DecodedImageSerializer INSTANCE = new DecodedImageSerializer();
    private static final long serialVersionUID = 2L;

    @Override
    public void serialize(DecodedImage image, DataOutputView out) throws IOException {
        WireStrings.write(image.relativePath(), out);
        out.writeInt(image.page());
        out.writeInt(image.pages());
        WireStrings.write(image.sourceFormat(), out);
        out.writeInt(image.orientation());
        out.writeLong(image.decodeMillis());
        SampleWire.write(image.colour(), out);
        out.writeBoolean(image.alpha().isPresent());
        if (image.alpha().isPresent()) {
            SampleWire.write(image.alpha().get(), out);
        }
        writeMetadata(image.metadata(), out);
    }

    private static void writeMetadata(ImageMetadata metadata, DataOutputView out) throws IOException {
        for (byte[] block : new byte[][] {metadata.exif(), metadata.iptc(), metadata.xmp(), metadata.icc()}) {
            out.writeInt(block.length);
            out.write(block);
        }
        out.writeDouble(metadata.dpiX());
        out.writeDouble(metadata.dpiY());
    }

    private static ImageMetadata readMetadata(DataInputView in) throws IOException {
        byte[][] blocks = new byte[4][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new byte[in.readInt()];
            in.readFully(blocks[i]);
        }
        return new ImageMetadata(blocks[0], blocks[1], blocks[2], blocks[3], in.readDouble(), in.readDouble());
    }

    @Override
    public DecodedImage deserialize(DataInputView in) throws IOException {
        String path = WireStrings.read(in);
        int page = in.readInt();
        int pages = in.readInt();
        String format = WireStrings.read(in);
        int orientation = in.readInt();
        long millis = in.readLong();
        FloatImage colour = SampleWire.readImage(in);
        Optional<AlphaPlane> alpha = in.readBoolean() ? Optional.of(SampleWire.readAlpha(in)) : Optional.empty();
        return new DecodedImage(path, colour, alpha, format, orientation, millis, readMetadata(in), page, pages);
    }

    @Override
    public TypeSerializerSnapshot<DecodedImage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DecodedImage> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
