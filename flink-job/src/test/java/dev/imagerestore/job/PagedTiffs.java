package dev.imagerestore.job;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;

/**
 * Multi-page TIFFs of the job's images, written at test time by {@link TestImages#tiffPages} as a
 * sequence of Deflate-compressed pages; {@link TestImages#tearPage} tears one.
 */
public final class PagedTiffs {

    private PagedTiffs() {}

    /** A multi-page TIFF with one page per image, each as its PNG encoding decodes. */
    public static byte[] of(List<FloatImage> pages) throws IOException {
        List<IIOImage> images = new ArrayList<>();
        for (FloatImage page : pages) {
            images.add(new IIOImage(
                    ImageIO.read(new ByteArrayInputStream(RestoreFixture.encode(page, OutputFormat.PNG))), null, null));
        }
        return TestImages.tiffPages(images, "Deflate");
    }
}
