package dev.imagerestore.operators.commit;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializer of the file sinks' writer state, which is always empty (see {@link TwoPhaseFileWriter}):
 * version 1 has no values, and any bytes it is given are rejected as the state of another sink.
 */
public final class NoWriterStateSerializer implements SimpleVersionedSerializer<Void> {

    public static final NoWriterStateSerializer INSTANCE = new NoWriterStateSerializer();
    private static final int VERSION = 1;

    private NoWriterStateSerializer() {}

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(Void state) {
        return new byte[0];
    }

    @Override
    public Void deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION || serialized.length != 0) {
            throw new IOException("writer state of version " + version + " with " + serialized.length
                    + " bytes: this sink's writers keep no state (version " + VERSION + ", 0 bytes); "
                    + "was the checkpoint taken by another sink?");
        }
        return null;
    }
}
