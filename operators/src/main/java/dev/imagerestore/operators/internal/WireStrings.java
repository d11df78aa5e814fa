package dev.imagerestore.operators.internal;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Strings and nullable strings on the wire, with Flink's length-unlimited string encoding. */
final class WireStrings {

    private WireStrings() {}

    static void write(String s, DataOutputView out) throws IOException {
        StringValue.writeString(s, out);
    }

    static String read(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    static void writeNullable(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            write(s, out);
        }
    }

    static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? read(in) : null;
    }

    /** Reads a length prefix written by {@link DataOutputView#writeInt} and checks it. */
    static int readLength(DataInputView in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt serialized data: negative " + what + " length " + length);
        }
        return length;
    }
}
