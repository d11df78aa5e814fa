package dev.imagerestore.models.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthMapTest {

    @TempDir
    Path dir;

    @Test
    void depthIsInvertedAndRescaledSoThatNearIsPlusOne() {
        float[] normalized =
                DepthMap.of(1, 3, new float[] {1, 2, 4}, DepthConvention.DEPTH).normalized();
        // disparities 1, 0.5, 0.25 -> (d - 0.25) / 0.75 * 2 - 1
        assertThat(normalized[0]).isCloseTo(1f, within(1e-6f));
        assertThat(normalized[1]).isCloseTo((float) ((0.5 - 0.25) / 0.75 * 2 - 1), within(1e-6f));
        assertThat(normalized[2]).isCloseTo(-1f, within(1e-6f));
        float[] disparity = DepthMap.of(1, 3, new float[] {1, 2, 4}, DepthConvention.DISPARITY)
                .normalized();
        assertThat(disparity).containsExactly(new float[] {-1f, -1f / 3, 1f}, within(1e-6f));
        assertThat(DepthMap.of(1, 2, new float[] {3, 3}, DepthConvention.DEPTH).normalized())
                .containsExactly(0f, 0f);
    }

    @Test
    void sixteenBitSidecarsReadAtFullPrecisionAndResizeToTheImage() throws IOException {
        float[] ramp = new float[4 * 4];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (1000 + 7 * i) / 65535f;
        }
        Path file = dir.resolve("a.depth.png");
        ImageFiles.write(FloatImage.wrap(1, 4, 4, 16, ramp), file);
        DepthMap map = DepthMap.read(file, DepthConvention.DEPTH);
        assertThat(map.values()[5]).isCloseTo(ramp[5], within(0.5f / 65535));
        assertThat(map.resized(2, 2).values()[0]).isCloseTo((ramp[0] + ramp[1] + ramp[4] + ramp[5]) / 4, within(2e-5f));
        assertThat(map.resized(8, 8).height()).isEqualTo(8);
    }

    @Test
    void aBrokenSidecarIsAnErrorNamingTheFileAndAMissingOneFallsBack() throws IOException {
        Path image = dir.resolve("photo.png");
        ImageFiles.write(FloatImage.wrap(1, 4, 4, 8, new float[16]), image);
        DepthResolver resolver = DepthResolver.of(null, DepthConvention.DEPTH, null);
        FloatImage pixels = ImageFiles.read(image);
        assertThat(resolver.resolve(image, "photo.png", pixels)).isNull();
        Files.write(DepthResolver.sidecarOf(image), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> resolver.resolve(image, "photo.png", pixels))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("photo.depth.png");
    }

    @Test
    void conventionsParseAndNameTheAcceptedValues() {
        assertThat(DepthConvention.parse("Disparity")).isEqualTo(DepthConvention.DISPARITY);
        assertThatThrownBy(() -> DepthConvention.parse("inverse")).hasMessageContaining("'depth' or 'disparity'");
    }

    @Test
    void estimatorInputKeepsTheAspectAndTheSizeMultiple() {
        assertThat(DepthEstimators.inputSize(321, 481, 96, 8)).containsExactly(96, 144);
        assertThat(DepthEstimators.inputSize(464, 624, 96, 8)).containsExactly(96, 128);
        assertThat(DepthEstimators.inputSize(481, 321, 384, 32)).containsExactly(576, 384);
    }
}
