package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.ImageFile;
import java.time.Duration;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.ContinuousEnumerationSettings;
import org.apache.flink.connector.file.src.assigners.LocalityAwareSplitAssigner;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink's file source over {@link ImageSplit}s: the same enumerator, assigner and reader machinery
 * as {@link org.apache.flink.connector.file.src.FileSource}, with splits that also carry skipped
 * entries, so that every entry under the input gets a report line.
 */
public final class ImageFileSource extends AbstractFileSource<ImageFile, ImageSplit> {

    private static final long serialVersionUID = 1L;

    /** A bounded source when {@code monitorInterval} is null, else a continuous one. */
    public ImageFileSource(
            Path root, StableFileEnumeratorProvider enumerator, ImageFileFormat format, Duration monitorInterval) {
        super(
                new Path[] {root},
                enumerator,
                LocalityAwareSplitAssigner::new,
                format,
                monitorInterval == null ? null : new ContinuousEnumerationSettings(monitorInterval));
    }

    @Override
    public SimpleVersionedSerializer<ImageSplit> getSplitSerializer() {
        return ImageSplitSerializer.INSTANCE;
    }
}
