package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.internal.Sizes;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one split (one whole file) into one {@link ImageFile}. A file that vanished after it was
 * listed is skipped with a warning; a file above the byte limit is emitted withheld, with a reason
 * that names its size, the limit and the option that raises it.
 *
 * <p>Threading: used by one fetcher thread of the source reader.
 */
final class ImageFileReader implements BulkFormat.Reader<ImageFile> {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFileReader.class);

    private final FileSourceSplit split;
    private final String relativePath;
    private final long maxFileBytes;
    private boolean done;

    ImageFileReader(FileSourceSplit split, String relativePath, long maxFileBytes, boolean alreadyEmitted) {
        this.split = split;
        this.relativePath = relativePath;
        this.maxFileBytes = maxFileBytes;
        this.done = alreadyEmitted;
    }

    @Override
    public BulkFormat.RecordIterator<ImageFile> readBatch() throws IOException {
        if (done) {
            return null;
        }
        done = true;
        ImageFile file;
        try {
            file = read();
        } catch (FileNotFoundException e) {
            LOG.warn("{}: removed after it was listed; skipped", split.path());
            return null;
        }
        SingletonResultIterator<ImageFile> batch = new SingletonResultIterator<>();
        batch.set(file, CheckpointedPosition.NO_OFFSET, 1);
        return batch;
    }

    private ImageFile read() throws IOException {
        if (split.fileSize() > maxFileBytes) {
            return withheld(split.fileSize());
        }
        try (InputStream in = split.path().getFileSystem().open(split.path())) {
            byte[] bytes = in.readNBytes((int) maxFileBytes + 1);
            return bytes.length > maxFileBytes ? withheld(bytes.length) : ImageFile.of(relativePath,
                    split.fileModificationTime(), bytes);
        }
    }

    private ImageFile withheld(long size) {
        String reason = relativePath + ": file is " + Sizes.bytes(size) + ", above --max-file-bytes = "
                + Sizes.bytes(maxFileBytes) + "; raise it with --max-file-bytes";
        return ImageFile.withheld(relativePath, size, split.fileModificationTime(), reason);
    }

    @Override
    public void close() {
        done = true;
    }
}
