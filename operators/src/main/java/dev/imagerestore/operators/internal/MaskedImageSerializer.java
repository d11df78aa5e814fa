package dev.imagerestore.operators.internal;

import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.inpaint.MaskedImage;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The image as {@link DecodedImageSerializer} writes it, then the mask's size and bit words. */
public final class MaskedImageSerializer extends ImmutableValueSerializer<MaskedImage> {

    public static final MaskedImageSerializer INSTANCE = new MaskedImageSerializer();
    private static final long serialVersionUID = 1L;
    private static final int MAX_WORDS = Integer.MAX_VALUE / 64;

    @Override
    public void serialize(MaskedImage value, DataOutputView out) throws IOException {
        DecodedImageSerializer.INSTANCE.serialize(value.image(), out);
        long[] words = value.mask().words();
        out.writeInt(words.length);
        for (long word : words) {
            out.writeLong(word);
        }
    }

    @Override
    public MaskedImage deserialize(DataInputView in) throws IOException {
        DecodedImage image = DecodedImageSerializer.INSTANCE.deserialize(in);
        int count = in.readInt();
        if (count < 0 || count > MAX_WORDS) {
            throw new IOException("corrupt mask record: " + count + " words");
        }
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = in.readLong();
        }
        return new MaskedImage(image, Mask.ofWords(image.height(), image.width(), words));
    }

    @Override
    public TypeSerializerSnapshot<MaskedImage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MaskedImage> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
