package dev.imagerestore.operators.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.core.memory.DataOutputView;

/** An OutputStream over a DataOutputView, so that byte streams can be written without copying. */
final class ViewOutputStream extends OutputStream {

    private final DataOutputView view;

    ViewOutputStream(DataOutputView view) {
        this.view = view;
    }

    @Override
    public void write(int b) throws IOException {
        view.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        view.write(b, off, len);
    }
}
