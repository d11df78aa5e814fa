package dev.imagerestore.operators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void pngAndPnmHoldAnySize() {
        assertThat(OutputFormat.PNG.cannotHold(60_000, 60_000, 4, 16)).isEmpty();
        assertThat(OutputFormat.PNM.cannotHold(60_000, 60_000, 3, 16)).isEmpty();
    }

    @Test
    void aJpegHoldsAtMost65535PixelsASideAndOneRasterOfSamples() {
        assertThat(OutputFormat.JPEG.cannotHold(65_535, 10, 3, 8)).isEmpty();
        assertThat(OutputFormat.JPEG.cannotHold(10, 65_536, 3, 8))
                .hasValue("a JPEG holds at most 65535 pixels a side, and this image is 10x65536; "
                        + "pass --format png, which holds any size");
        assertThat(OutputFormat.JPEG.cannotHold(40_000, 20_000, 3, 8))
                .hasValue("the JPEG writer takes at most 2^31 - 1 samples, and this image has 2400000000; "
                        + "pass --format png, which holds any size");
        assertThat(OutputFormat.JPEG.cannotHold(40_000, 20_000, 1, 16))
                .as("gray: 0.8 G samples")
                .isEmpty();
    }

    @Test
    void aTiffOrBmpWhoseSamplesPassFourGibIsRefusedCountingTheWrittenDepth() {
        assertThat(OutputFormat.TIFF.cannotHold(20_000, 18_000, 3, 16))
                .as("2.16 GB")
                .isEmpty();
        assertThat(OutputFormat.TIFF.cannotHold(30_000, 30_000, 3, 16))
                .hasValue("a classic TIFF addresses at most 4 GiB, and this image's samples take 5400000000 bytes; "
                        + "pass --format png, which holds any size");
        assertThat(OutputFormat.BMP.cannotHold(30_000, 30_000, 3, 16))
                .as("a BMP is written at 8 bits: 2.7 GB")
                .isEmpty();
        assertThat(OutputFormat.BMP.cannotHold(40_000, 40_000, 3, 8)).isPresent();
    }
}
