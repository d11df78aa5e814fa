package dev.imagerestore.operators.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFileFormatTest {

    @TempDir
    Path root;

    @Test
    void emitsTheWholeFileAsOneRecordWithItsRelativePath() throws IOException {
        byte[] content = {1, 2, 3, 4, 5};
        ImageSplit split = split("a b/c.png", content, 777L);
        BulkFormat.Reader<ImageFile> reader = format(100).createReader(new Configuration(), split);

        BulkFormat.RecordIterator<ImageFile> batch = reader.readBatch();
        RecordAndPosition<ImageFile> record = batch.next();

        assertThat(record.getRecord()).isEqualTo(ImageFile.of("a b/c.png", 777L, content));
        assertThat(record.getOffset()).isEqualTo(CheckpointedPosition.NO_OFFSET);
        assertThat(record.getRecordSkipCount()).isEqualTo(1);
        assertThat(batch.next()).isNull();
        assertThat(reader.readBatch()).isNull();
    }

    @Test
    void restoredAfterItsRecordASplitEmitsNothingAndBeforeItEmitsItAgain() throws IOException {
        ImageSplit split = split("x.png", new byte[] {9}, 1L);
        ImageSplit after =
                split.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 1));
        ImageSplit before =
                split.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 0));

        assertThat(format(100).restoreReader(new Configuration(), after).readBatch())
                .isNull();
        assertThat(format(100)
                        .restoreReader(new Configuration(), before)
                        .readBatch()
                        .next()
                        .getRecord()
                        .relativePath())
                .isEqualTo("x.png");
    }

    @Test
    void aFileAboveTheByteLimitIsWithheldWithTheLimitAndTheOption() throws IOException {
        ImageSplit split = split("big.tif", new byte[3000], 5L);

        ImageFile file = format(2048)
                .createReader(new Configuration(), split)
                .readBatch()
                .next()
                .getRecord();

        assertThat(file.size()).isEqualTo(3000);
        assertThat(file.openStream().available()).isZero();
        assertThat(file.withheldReason())
                .hasValue("big.tif: file is 2.9 KiB, above --max-file-bytes = 2 KiB; raise it with --max-file-bytes");
    }

    @Test
    void aFileRemovedAfterListingIsSkipped() throws IOException {
        ImageSplit split = split("gone.png", new byte[] {1}, 1L);
        Files.delete(root.resolve("gone.png"));

        assertThat(format(100).createReader(new Configuration(), split).readBatch())
                .isNull();
    }

    @Test
    void aSkippedSplitIsOneSkippedRecordAndAFileTurnedFifoIsSkippedWithoutBeingOpened() throws Exception {
        ImageSplit skipped = new ImageSplit(
                "1",
                new org.apache.flink.core.fs.Path(root.resolve("x.webp").toUri()),
                0,
                0,
                "x.webp",
                "not an image extension",
                null);
        ImageSplit fifo = split("pipe.png", new byte[] {1}, 1L);
        Files.delete(root.resolve("pipe.png"));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.png").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(format(100)
                        .createReader(new Configuration(), skipped)
                        .readBatch()
                        .next()
                        .getRecord())
                .isEqualTo(ImageFile.skipped("x.webp", "not an image extension"));
        assertThat(format(100)
                        .createReader(new Configuration(), fifo)
                        .readBatch()
                        .next()
                        .getRecord())
                .isEqualTo(ImageFile.skipped("pipe.png", "not a regular file (fifo)"));
    }

    @Test
    void anImageAboveThePixelLimitIsLocatedNotReadEvenAboveTheByteLimitAndSmallerOnesAreRead() throws IOException {
        byte[] large = png(300, 200);
        byte[] small = png(100, 100);
        ImageFileFormat format = new ImageFileFormat(30_000, 20_000);

        ImageFile located = format.createReader(new Configuration(), split("big.png", large, 5L))
                .readBatch()
                .next()
                .getRecord();
        ImageFile read = format.createReader(new Configuration(), split("small.png", small, 6L))
                .readBatch()
                .next()
                .getRecord();
        ImageFile notAnImage = format.createReader(new Configuration(), split("x.png", new byte[] {1, 2}, 7L))
                .readBatch()
                .next()
                .getRecord();

        assertThat(large.length)
                .as("above the byte limit, which no array needs to hold")
                .isGreaterThan(1024);
        assertThat(located.location())
                .hasValue(root.resolve("big.png").toAbsolutePath().normalize());
        assertThat(located.withheldReason()).isEmpty();
        assertThat(located.size()).isEqualTo(large.length);
        assertThat(ImageFileSerializerRoundTrip.of(located)).isEqualTo(located);
        assertThat(read).isEqualTo(ImageFile.of("small.png", 6L, small));
        assertThat(notAnImage.location())
                .as("no header to read: read whole, the decoder says why")
                .isEmpty();
    }

    private static byte[] png(int width, int height) throws IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** Through the record's serializer and back. */
    private static final class ImageFileSerializerRoundTrip {
        static ImageFile of(ImageFile file) throws IOException {
            var serializer = dev.imagerestore.operators.internal.ImageFileSerializer.INSTANCE;
            org.apache.flink.core.memory.DataOutputSerializer out =
                    new org.apache.flink.core.memory.DataOutputSerializer(64);
            serializer.serialize(file, out);
            return serializer.deserialize(
                    new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
        }
    }

    @Test
    void splitsWithColonsBackslashesAndUndecodableBytesSurviveTheirSerializer() throws IOException {
        ImageSplit split = new ImageSplit(
                        "7",
                        new org.apache.flink.core.fs.Path(java.net.URI.create("file:///in/a:b%5Cc%FF.png")),
                        12,
                        34,
                        "a:b\\c%FF.png",
                        "why",
                        null)
                .updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 1));

        ImageSplit back = ImageSplitSerializer.INSTANCE.deserialize(
                ImageSplitSerializer.INSTANCE.getVersion(), ImageSplitSerializer.INSTANCE.serialize(split));

        assertThat(back.path().toUri()).isEqualTo(split.path().toUri());
        assertThat(back.relativePath()).isEqualTo(split.relativePath());
        assertThat(back.skipReason()).hasValue("why");
        assertThat(back.length()).isEqualTo(12);
        assertThat(back.fileModificationTime()).isEqualTo(34);
        assertThat(back.getReaderPosition()).isEqualTo(split.getReaderPosition());
    }

    private ImageFileFormat format(long maxBytes) {
        return new ImageFileFormat(maxBytes);
    }

    private ImageSplit split(String relative, byte[] content, long mtime) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return new ImageSplit(
                "0", new org.apache.flink.core.fs.Path(file.toUri()), content.length, mtime, relative, null, null);
    }
}
