package dev.imagerestore.operators;

import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommittableSerializer;
import dev.imagerestore.operators.inpaint.MaskedImage;
import dev.imagerestore.operators.internal.DeadLetterSerializer;
import dev.imagerestore.operators.internal.DecodedImageSerializer;
import dev.imagerestore.operators.internal.ImageFileSerializer;
import dev.imagerestore.operators.internal.MaskedImageSerializer;
import dev.imagerestore.operators.internal.ReportLineSerializer;
import dev.imagerestore.operators.internal.RestoredImageSerializer;
import dev.imagerestore.operators.internal.SerializerTypeInfo;
import dev.imagerestore.operators.internal.TileChunkSerializer;
import dev.imagerestore.operators.tiles.TileChunk;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.io.SimpleVersionedSerializerTypeSerializerProxy;

/**
 * The Flink {@link TypeInformation} of every record this module defines, for places that need it
 * explicitly ({@code returns(...)}, side-output tags, async operators).
 *
 * <p>Choice: each record has a hand-written serializer, attached with {@code @TypeInfo} so type
 * extraction finds it too. Flink's POJO serializer would not fit (the records are immutable and
 * their pixel arrays would fall to Kryo), and Kryo would write MBs of pixels generically and break
 * state compatibility on any class change. The serializers write bytes as single blocks and pixels
 * in their compact integer form (see {@link dev.imagerestore.operators.internal.SampleWire}).
 */
public final class ImageTypes {

    public static final TypeInformation<ImageFile> IMAGE_FILE =
            new SerializerTypeInfo<>(ImageFile.class, ImageFileSerializer.INSTANCE);
    public static final TypeInformation<DecodedImage> DECODED_IMAGE =
            new SerializerTypeInfo<>(DecodedImage.class, DecodedImageSerializer.INSTANCE);
    public static final TypeInformation<RestoredImage> RESTORED_IMAGE =
            new SerializerTypeInfo<>(RestoredImage.class, RestoredImageSerializer.INSTANCE);
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new SerializerTypeInfo<>(DeadLetter.class, DeadLetterSerializer.INSTANCE);
    public static final TypeInformation<ReportLine> REPORT_LINE =
            new SerializerTypeInfo<>(ReportLine.class, ReportLineSerializer.INSTANCE);
    /** The type information of the inpainting task's {@link MaskedImage}: the image, then the mask's bits. */
    public static final TypeInformation<MaskedImage> MASKED_IMAGE =
            new SerializerTypeInfo<>(MaskedImage.class, MaskedImageSerializer.INSTANCE);

    /** The type information of a {@link TileChunk}, a part of an image that flows as tiles. */
    public static final TypeInformation<TileChunk> TILE_CHUNK =
            new SerializerTypeInfo<>(TileChunk.class, TileChunkSerializer.INSTANCE);

    /**
     * The type information of a written file waiting for its commit (a continuous run's
     * {@code WriteRestoredFiles.STAGED} records), in the committables' own versioned layout.
     */
    public static final TypeInformation<FileCommittable> FILE_COMMITTABLE = new SerializerTypeInfo<>(
            FileCommittable.class,
            new SimpleVersionedSerializerTypeSerializerProxy<>(() -> FileCommittableSerializer.INSTANCE));

    private ImageTypes() {}
}
