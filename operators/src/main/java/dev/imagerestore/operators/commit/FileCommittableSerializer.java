package dev.imagerestore.operators.commit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Version 1: temporary path, target path (modified UTF-8 strings, absolute) and the overwrite flag.
 * Committables are stored in checkpoints, so a layout change must add a version and keep reading
 * version 1.
 */
public final class FileCommittableSerializer implements SimpleVersionedSerializer<FileCommittable> {

    public static final FileCommittableSerializer INSTANCE = new FileCommittableSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FileCommittable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(committable.temporary().toString());
            out.writeUTF(committable.target().toString());
            out.writeBoolean(committable.overwrite());
        }
        return bytes.toByteArray();
    }

    @Override
    public FileCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "unknown file committable version " + version + "; this build reads version " + VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return new FileCommittable(Path.of(in.readUTF()), Path.of(in.readUTF()), in.readBoolean());
        }
    }
}
