package dev.imagerestore.operators.internal;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** File, stage name, reason, skipped flag. */
public final class DeadLetterSerializer extends ImmutableValueSerializer<DeadLetter> {

    public static final DeadLetterSerializer INSTANCE = new DeadLetterSerializer();
    private static final long serialVersionUID = 2L;

    @Override
    public void serialize(DeadLetter letter, DataOutputView out) throws IOException {
        WireStrings.write(letter.file(), out);
        WireStrings.write(letter.stage().name(), out);
        WireStrings.write(letter.reason(), out);
        out.writeBoolean(letter.skipped());
        out.writeInt(letter.page());
    }

    @Override
    public DeadLetter deserialize(DataInputView in) throws IOException {
        return new DeadLetter(
                WireStrings.read(in),
                PipelineStage.valueOf(WireStrings.read(in)),
                WireStrings.read(in),
                in.readBoolean(),
                in.readInt());
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
