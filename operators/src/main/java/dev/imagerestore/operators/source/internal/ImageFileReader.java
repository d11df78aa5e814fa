package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.files.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one split (one whole file) into one {@link ImageFile}, or emits the skipped record of a
 * skipped split. A file that vanished after it was listed is skipped with a warning; one that is
 * no longer a regular file (replaced by a FIFO, say) or cannot be opened is emitted skipped with the
 * reason, never opened or waited on; a file above the byte limit is emitted withheld, with a reason
 * that names its size, the limit and the option that raises it. A file whose header declares more
 * pixels than the locate limit is emitted {@linkplain ImageFile#located located}: its bytes stay
 * on disk, to be read by region (the byte limit does not apply, as no array holds it).
 *
 * <p>Threading: used by one fetcher thread of the source reader.
 */
final class ImageFileReader implements BulkFormat.Reader<ImageFile> {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFileReader.class);

    private final ImageSplit split;
    private final long maxFileBytes;
    private final long locateAbovePixels;
    private boolean done;

    ImageFileReader(ImageSplit split, long maxFileBytes, long locateAbovePixels, boolean alreadyEmitted) {
        this.split = split;
        this.maxFileBytes = maxFileBytes;
        this.locateAbovePixels = locateAbovePixels;
        this.done = alreadyEmitted;
    }

    @Override
    public BulkFormat.RecordIterator<ImageFile> readBatch() {
        if (done) {
            return null;
        }
        done = true;
        ImageFile file;
        if (split.skipReason().isPresent()) {
            file = ImageFile.skipped(split.relativePath(), split.skipReason().get());
        } else {
            try {
                file = read(split.file());
            } catch (NoSuchFileException e) {
                LOG.warn("{}: removed after it was listed; skipped", split.relativePath());
                return null;
            } catch (AccessDeniedException e) {
                file = ImageFile.skipped(split.relativePath(), "unreadable, permission denied");
            } catch (IOException e) {
                file = ImageFile.skipped(split.relativePath(), "cannot be read: " + e.getMessage());
            }
        }
        SingletonResultIterator<ImageFile> batch = new SingletonResultIterator<>();
        batch.set(file, CheckpointedPosition.NO_OFFSET, 1);
        return batch;
    }

    private ImageFile read(Path path) throws IOException {
        if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
            return ImageFile.skipped(
                    split.relativePath(), "not a regular file (" + SpecialFiles.kind(path.toRealPath()) + ")");
        }
        if (locateAbovePixels < Long.MAX_VALUE && pixels(path) > locateAbovePixels) {
            return ImageFile.located(
                    split.relativePath(),
                    split.fileSize(),
                    split.fileModificationTime(),
                    path.toAbsolutePath().normalize());
        }
        if (split.fileSize() > maxFileBytes) {
            return withheld(split.fileSize());
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) maxFileBytes + 1);
            return bytes.length > maxFileBytes
                    ? withheld(bytes.length)
                    : ImageFile.of(split.relativePath(), split.fileModificationTime(), bytes);
        }
    }

    /**
     * The pixels of the first image the header of {@code path} declares, read without decoding it;
     * 0 when no ImageIO reader takes the file or its header is unreadable (the decoder then reports
     * why).
     */
    static long pixels(Path path) {
        try (ImageInputStream in = new FileImageInputStream(path.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private ImageFile withheld(long size) {
        String reason = split.relativePath() + ": file is " + Sizes.bytes(size) + ", above --max-file-bytes = "
                + Sizes.bytes(maxFileBytes) + "; raise it with --max-file-bytes";
        return ImageFile.withheld(split.relativePath(), size, split.fileModificationTime(), reason);
    }

    @Override
    public void close() {
        done = true;
    }
}
