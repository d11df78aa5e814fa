package dev.imagerestore.operators.internal;

import dev.imagerestore.operators.ImageFile;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Path, size, time, withheld reason, skipped flag, the bytes as one length-prefixed block, then the
 * location of a located file (or null).
 */
public final class ImageFileSerializer extends ImmutableValueSerializer<ImageFile> {

    public static final ImageFileSerializer INSTANCE = new ImageFileSerializer();
    private static final long serialVersionUID = 2L;

    @Override
    public void serialize(ImageFile file, DataOutputView out) throws IOException {
        WireStrings.write(file.relativePath(), out);
        out.writeLong(file.size());
        out.writeLong(file.modificationTime());
        WireStrings.writeNullable(file.withheldReason().orElse(null), out);
        out.writeBoolean(file.isSkipped());
        boolean located = file.location().isPresent();
        out.writeInt(file.withheldReason().isPresent() || located ? 0 : (int) file.size());
        if (file.withheldReason().isEmpty() && !located) {
            file.openStream().transferTo(new ViewOutputStream(out));
        }
        WireStrings.writeNullable(file.location().map(Path::toString).orElse(null), out);
    }

    @Override
    public ImageFile deserialize(DataInputView in) throws IOException {
        String path = WireStrings.read(in);
        long size = in.readLong();
        long time = in.readLong();
        String withheld = WireStrings.readNullable(in);
        boolean skipped = in.readBoolean();
        byte[] bytes = new byte[WireStrings.readLength(in, "file")];
        in.readFully(bytes);
        String location = WireStrings.readNullable(in);
        if (location != null) {
            return ImageFile.located(path, size, time, Path.of(location));
        }
        if (skipped) {
            return ImageFile.skipped(path, withheld);
        }
        return withheld == null ? ImageFile.of(path, time, bytes) : ImageFile.withheld(path, size, time, withheld);
    }

    @Override
    public TypeSerializerSnapshot<ImageFile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ImageFile> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
