package dev.imagerestore.operators.source.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Version 2 (version 1 is Flink's {@code FileSourceSplitSerializer}, whose splits earlier builds of
 * this job checkpointed): split id, the entry's URI as its (percent-encoded) string, size, modification time,
 * reader position (offset, records after it) if any, relative path, skip reason if any. The URI is
 * kept whole and parsed as a URI, never re-parsed as a path string, so names with ':' or bytes
 * outside UTF-8 come back as they went. Splits are stored in checkpoints: a layout change must add a
 * version and keep reading version 2.
 */
public final class ImageSplitSerializer implements SimpleVersionedSerializer<ImageSplit> {

    public static final ImageSplitSerializer INSTANCE = new ImageSplitSerializer();
    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ImageSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeUTF(split.splitId());
        out.writeUTF(split.path().toUri().toString());
        out.writeLong(split.length());
        out.writeLong(split.fileModificationTime());
        CheckpointedPosition position = split.getReaderPosition().orElse(null);
        out.writeBoolean(position != null);
        if (position != null) {
            out.writeLong(position.getOffset());
            out.writeLong(position.getRecordsAfterOffset());
        }
        out.writeUTF(split.relativePath());
        out.writeBoolean(split.skipReason().isPresent());
        if (split.skipReason().isPresent()) {
            out.writeUTF(split.skipReason().get());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public ImageSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("image split version " + version + " cannot be restored: this build reads version "
                    + VERSION
                    + (version == 1
                            ? " (a checkpoint of an earlier build of the job); start the run without "
                                    + "--from-checkpoint: outputs that exist are skipped"
                            : ""));
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String id = in.readUTF();
        URI uri;
        try {
            uri = new URI(in.readUTF());
        } catch (URISyntaxException e) {
            throw new IOException("image split " + id + " holds a malformed URI", e);
        }
        long size = in.readLong();
        long modificationTime = in.readLong();
        CheckpointedPosition position =
                in.readBoolean() ? new CheckpointedPosition(in.readLong(), in.readLong()) : null;
        String relativePath = in.readUTF();
        String skipReason = in.readBoolean() ? in.readUTF() : null;
        return new ImageSplit(id, new Path(uri), size, modificationTime, relativePath, skipReason, position);
    }
}
