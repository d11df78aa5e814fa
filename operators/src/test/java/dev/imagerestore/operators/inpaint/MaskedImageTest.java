package dev.imagerestore.operators.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.internal.MaskedImageSerializer;
import java.util.Optional;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class MaskedImageTest {

    @Test
    void sidecarMasksReplaceTheExtensionInTheSameFolder() {
        assertThat(MaskSource.maskPathFor("scans/a.tif")).isEqualTo("scans/a.mask.png");
        assertThat(MaskSource.maskPathFor("a.b.JPG")).isEqualTo("a.b.mask.png");
        assertThat(MaskSource.maskPathFor("dir.v2/noext")).isEqualTo("dir.v2/noext.mask.png");
    }

    @Test
    void travelsWithItsMaskThroughTheSerializer() throws Exception {
        float[] samples = new float[3 * 5 * 7];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i % 256) / 255f;
        }
        DecodedImage image =
                new DecodedImage("a/b.png", FloatImage.wrap(3, 5, 7, 8, samples), Optional.empty(), "png", 1, 3);
        MaskedImage masked = new MaskedImage(image, Mask.box(5, 7, 1, 2, 3, 4));
        DataOutputSerializer out = new DataOutputSerializer(64);

        MaskedImageSerializer.INSTANCE.serialize(masked, out);
        MaskedImage back = MaskedImageSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back.mask()).isEqualTo(masked.mask());
        assertThat(back.relativePath()).isEqualTo("a/b.png");
        assertThat(back.image().colour().toArray()).isEqualTo(samples);
    }

    @Test
    void aMaskOfAnotherSizeThanItsImageIsRejected() {
        DecodedImage image =
                new DecodedImage("a.png", FloatImage.wrap(1, 4, 4, 8, new float[16]), Optional.empty(), "png", 1, 0);

        assertThatThrownBy(() -> new MaskedImage(image, Mask.empty(4, 5))).hasMessageContaining("does not match");
    }
}
