package dev.imagerestore.operators.internal;

import dev.imagerestore.operators.ReportLine;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A report line travels as its JSON text: it is small and is written out as that text anyway. */
public final class ReportLineSerializer extends ImmutableValueSerializer<ReportLine> {

    public static final ReportLineSerializer INSTANCE = new ReportLineSerializer();
    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(ReportLine line, DataOutputView out) throws IOException {
        WireStrings.write(line.toJson(), out);
    }

    @Override
    public ReportLine deserialize(DataInputView in) throws IOException {
        return ReportLine.parse(WireStrings.read(in));
    }

    @Override
    public TypeSerializerSnapshot<ReportLine> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ReportLine> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
