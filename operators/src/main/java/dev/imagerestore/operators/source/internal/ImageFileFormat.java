package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageTypes;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

/**
 * A non-splittable format that reads a whole file as one {@link ImageFile} record. Image codecs
 * need the whole file, so there is nothing to split; a file is one batch of one record. A skipped
 * split is one skipped record ({@link ImageFile#skipped}), read from nothing.
 *
 * <p>Checkpointing follows the {@link BulkFormat} contract: the record is emitted with position
 * "no offset, one record after it", so a split restored after its record was emitted yields
 * nothing, and one restored before yields the record again.
 */
public final class ImageFileFormat implements BulkFormat<ImageFile, ImageSplit> {

    private static final long serialVersionUID = 1L;

    private final long maxFileBytes;
    private final long locateAbovePixels;

    /** @param maxFileBytes files larger than this are emitted withheld, without their bytes */
    public ImageFileFormat(long maxFileBytes) {
        this(maxFileBytes, Long.MAX_VALUE);
    }

    /**
     * @param maxFileBytes files larger than this are emitted withheld, without their bytes
     * @param locateAbovePixels images with more pixels are emitted located, without their bytes
     */
    public ImageFileFormat(long maxFileBytes, long locateAbovePixels) {
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "maxFileBytes must be in [1, " + (Integer.MAX_VALUE - 8) + "] (a Java array), got " + maxFileBytes);
        }
        this.maxFileBytes = maxFileBytes;
        this.locateAbovePixels = locateAbovePixels;
    }

    @Override
    public Reader<ImageFile> createReader(Configuration config, ImageSplit split) throws IOException {
        return new ImageFileReader(split, maxFileBytes, locateAbovePixels, false);
    }

    @Override
    public Reader<ImageFile> restoreReader(Configuration config, ImageSplit split) throws IOException {
        boolean emitted = split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L)
                > 0;
        return new ImageFileReader(split, maxFileBytes, locateAbovePixels, emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ImageFile> getProducedType() {
        return ImageTypes.IMAGE_FILE;
    }
}
