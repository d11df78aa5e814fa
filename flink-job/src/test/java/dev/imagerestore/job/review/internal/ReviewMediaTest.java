package dev.imagerestore.job.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewMediaTest {

    @TempDir
    Path work;

    @Test
    void picturesMadeBandByBandAreThoseOfTheWholeImages() throws Exception {
        SampleGenerator generator = new SampleGenerator(4);
        FloatImage before = generator.noisyScene(403, 611, 0, 20).withBitDepth(16);
        FloatImage after = generator.noisyScene(403, 611, 0, 3).withBitDepth(16);
        Path in = work.resolve("in.png");
        Path out = work.resolve("out.png");
        ImageFiles.write(before, in);
        ImageFiles.write(after, out);

        ReviewMedia.Pictures whole = new ReviewMedia(work.resolve("whole"), Long.MAX_VALUE)
                .write("k", in, "in.png", 0, out, "out.png", Optional.empty());
        ReviewMedia.Pictures banded = new ReviewMedia(work.resolve("banded"), Long.MAX_VALUE, 1000)
                .write("k", in, "in.png", 0, out, "out.png", Optional.empty());

        assertThat(banded.rmsChange()).isCloseTo(whole.rmsChange(), offset(1e-9));
        assertThat(banded)
                .usingRecursiveComparison()
                .ignoringFields("rmsChange")
                .isEqualTo(whole);
        for (String picture : new String[] {"k-before.png", "k-after.png"}) {
            assertThat(pixels(work.resolve("banded").resolve(picture)))
                    .as(picture)
                    .isEqualTo(pixels(work.resolve("whole").resolve(picture)));
        }
        assertThat(Files.readAllBytes(work.resolve("banded/k-thumb.jpg")))
                .as("the same thumbnail, encoded the same")
                .isEqualTo(Files.readAllBytes(work.resolve("whole/k-thumb.jpg")));
    }

    private static int[] pixels(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
