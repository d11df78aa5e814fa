package dev.imagerestore.operators.decode.internal;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The frames of an animated GIF as they are shown: each frame drawn at its position on the logical
 * screen over what the earlier frames left, after the previous frame's disposal (GIF89a section 23:
 * {@code none} and {@code doNotDispose} keep it, {@code restoreToBackgroundColor} clears its
 * rectangle to transparent, as browsers do, {@code restoreToPrevious} puts back the canvas from
 * before it). The JDK's reader returns each frame's own rectangle only, which is what a frame that
 * updates part of the screen holds; restoring that alone would lose the rest of the picture.
 *
 * <p>Frames are composited in order and the canvas is kept between calls, so reading the frames
 * one after another costs one decode each; asking for an earlier frame starts again from the first.
 * A composited frame with no transparent pixel left is returned as RGB, else as ARGB.
 */
final class GifCanvas {

    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private final ImageReader reader;
    private final int width;
    private final int height;
    private BufferedImage canvas;
    private int next;
    private Rectangle previous;
    private String previousDisposal = "none";
    private BufferedImage beforePrevious;

    private GifCanvas(ImageReader reader, int width, int height) {
        this.reader = reader;
        this.width = width;
        this.height = height;
    }

    /** The canvas of the GIF {@code reader} reads: the logical screen's size, or the first frame's if it declares none. */
    static GifCanvas of(ImageReader reader) throws IOException {
        int[] size = logicalScreen(reader.getStreamMetadata());
        if (size[0] < 1 || size[1] < 1) {
            size = new int[] {reader.getWidth(0), reader.getHeight(0)};
        }
        return new GifCanvas(reader, size[0], size[1]);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Frame {@code index} (from 0) as shown. */
    BufferedImage frame(int index) throws IOException {
        if (canvas == null || index < next - 1) {
            canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            next = 0;
            previous = null;
            previousDisposal = "none";
        } else if (index == next - 1) {
            return shown();
        }
        while (next <= index) {
            draw(next++);
        }
        return shown();
    }

    private void draw(int index) throws IOException {
        Graphics2D g = canvas.createGraphics();
        try {
            if (previous != null && previousDisposal.equals("restoreToBackgroundColor")) {
                g.setComposite(AlphaComposite.Clear);
                g.fill(previous);
                g.setComposite(AlphaComposite.SrcOver);
            } else if (previous != null && previousDisposal.equals("restoreToPrevious") && beforePrevious != null) {
                g.setComposite(AlphaComposite.Src);
                g.drawImage(beforePrevious, 0, 0, null);
                g.setComposite(AlphaComposite.SrcOver);
            }
            Element image = imageMetadata(reader.getImageMetadata(index));
            int left = attribute(child(image, "ImageDescriptor"), "imageLeftPosition", 0);
            int top = attribute(child(image, "ImageDescriptor"), "imageTopPosition", 0);
            Element control = child(image, "GraphicControlExtension");
            String disposal = control == null ? "none" : control.getAttribute("disposalMethod");
            beforePrevious = disposal.equals("restoreToPrevious") ? copy(canvas, BufferedImage.TYPE_INT_ARGB) : null;
            BufferedImage frame = reader.read(index);
            g.drawImage(frame, left, top, null);
            previous = new Rectangle(left, top, frame.getWidth(), frame.getHeight());
            previousDisposal = disposal.isEmpty() ? "none" : disposal;
        } finally {
            g.dispose();
        }
    }

    private BufferedImage shown() {
        int[] argb = canvas.getRGB(0, 0, width, height, null, 0, width);
        boolean opaque = true;
        for (int i = 0; i < argb.length && opaque; i++) {
            opaque = (argb[i] >>> 24) == 0xff;
        }
        return copy(canvas, opaque ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
    }

    private static BufferedImage copy(BufferedImage source, int type) {
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    private static int[] logicalScreen(IIOMetadata stream) {
        if (stream == null) {
            return new int[] {0, 0};
        }
        try {
            Element screen = child((Element) stream.getAsTree(STREAM_FORMAT), "LogicalScreenDescriptor");
            return new int[] {attribute(screen, "logicalScreenWidth", 0), attribute(screen, "logicalScreenHeight", 0)};
        } catch (IllegalArgumentException otherFormat) {
            return new int[] {0, 0};
        }
    }

    private static Element imageMetadata(IIOMetadata metadata) {
        return metadata == null ? null : (Element) metadata.getAsTree(IMAGE_FORMAT);
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element e && e.getNodeName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static int attribute(Element element, String name, int otherwise) {
        if (element == null || !element.hasAttribute(name)) {
            return otherwise;
        }
        try {
            return Integer.parseInt(element.getAttribute(name));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
