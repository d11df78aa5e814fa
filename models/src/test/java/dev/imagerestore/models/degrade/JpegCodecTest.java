package dev.imagerestore.models.degrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.degrade.internal.JpegCodec;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JpegCodecTest {

    /** IJG's standard luminance table's first (DC) entry, scaled as libjpeg scales it for a quality. */
    private static int estimatedQuality(int dcQuantiser) {
        // scale = q < 50 ? 5000 / q : 200 - 2 q; entry = (16 * scale + 50) / 100: invert for the DC entry 16
        double scale = (dcQuantiser * 100 - 50) / 16.0;
        return (int) Math.round(scale > 100 ? 5000 / scale : (200 - scale) / 2);
    }

    @Test
    void theQualityIsRecoveredFromTheQuantisationTableAndChromaIs420() throws Exception {
        for (int quality : new int[] {30, 50, 75, 90}) {
            byte[] jpeg = JpegCodec.encode(DegradationsTest.pattern(32), quality / 100f);
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
                ImageReader reader = ImageIO.getImageReaders(in).next();
                reader.setInput(in);
                IIOMetadata metadata = reader.getImageMetadata(0);
                Element root = (Element) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
                NodeList tables = root.getElementsByTagName("dqtable");
                IIOMetadataNode luminance = (IIOMetadataNode) tables.item(0);
                int dc = ((JPEGQTable) luminance.getUserObject()).getTable()[0];
                assertThat(estimatedQuality(dc)).as("quality %s", quality).isBetween(quality - 2, quality + 2);
                NodeList components = root.getElementsByTagName("componentSpec");
                assertThat(((Element) components.item(0)).getAttribute("HsamplingFactor"))
                        .isEqualTo("2");
                assertThat(((Element) components.item(0)).getAttribute("VsamplingFactor"))
                        .isEqualTo("2");
                assertThat(((Element) components.item(1)).getAttribute("HsamplingFactor"))
                        .isEqualTo("1");
                reader.dispose();
            }
        }
    }
}
