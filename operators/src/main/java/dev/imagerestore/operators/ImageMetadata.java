package dev.imagerestore.operators;

import java.util.Arrays;
import java.util.Objects;

/**
 * The descriptive metadata of a source image that its output carries: EXIF, IPTC, XMP, the ICC
 * profile its samples are in, and its resolution.
 *
 * <p>Each block is kept as the bytes of its standard form, so that any output format that holds it
 * gets it unchanged: {@code exif} is a TIFF structure (byte order mark, IFD0 with its Exif and GPS
 * sub-IFDs, as in a JPEG APP1 "Exif" segment after its header and a PNG eXIf chunk), {@code iptc}
 * the IPTC-IIM records (Photoshop image resource 0x0404), {@code xmp} the XMP packet in UTF-8 and
 * {@code icc} the profile as embedded. An empty array means the source had none; a resolution of
 * 0 means it declared none.
 *
 * <p>Immutable; the instance owns the arrays it is given and hands out copies.
 */
public final class ImageMetadata {

    /** No metadata at all. */
    public static final ImageMetadata NONE =
            new ImageMetadata(new byte[0], new byte[0], new byte[0], new byte[0], 0, 0);

    private final byte[] exif;
    private final byte[] iptc;
    private final byte[] xmp;
    private final byte[] icc;
    private final double dpiX;
    private final double dpiY;

    /**
     * @param exif TIFF-structured EXIF, or empty
     * @param iptc IPTC-IIM records, or empty
     * @param xmp the XMP packet (UTF-8), or empty
     * @param icc the ICC profile the colour samples are in, or empty for sRGB (or plain gray)
     * @param dpiX horizontal pixels per inch, 0 if undeclared
     * @param dpiY vertical pixels per inch, 0 if undeclared
     */
    public ImageMetadata(byte[] exif, byte[] iptc, byte[] xmp, byte[] icc, double dpiX, double dpiY) {
        this.exif = Objects.requireNonNull(exif, "exif");
        this.iptc = Objects.requireNonNull(iptc, "iptc");
        this.xmp = Objects.requireNonNull(xmp, "xmp");
        this.icc = Objects.requireNonNull(icc, "icc");
        if (!(dpiX >= 0 && dpiY >= 0 && Double.isFinite(dpiX) && Double.isFinite(dpiY))) {
            throw new IllegalArgumentException("resolution must be finite and >= 0 dpi, got " + dpiX + " x " + dpiY);
        }
        this.dpiX = dpiX;
        this.dpiY = dpiY;
    }

    public byte[] exif() {
        return exif.clone();
    }

    public byte[] iptc() {
        return iptc.clone();
    }

    public byte[] xmp() {
        return xmp.clone();
    }

    public byte[] icc() {
        return icc.clone();
    }

    public double dpiX() {
        return dpiX;
    }

    public double dpiY() {
        return dpiY;
    }

    /** Whether a resolution was declared. */
    public boolean hasDpi() {
        return dpiX > 0 && dpiY > 0;
    }

    /** This metadata with another ICC profile (empty for sRGB). */
    public ImageMetadata withIcc(byte[] profile) {
        return new ImageMetadata(exif, iptc, xmp, profile.clone(), dpiX, dpiY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageMetadata other
                && Arrays.equals(exif, other.exif)
                && Arrays.equals(iptc, other.iptc)
                && Arrays.equals(xmp, other.xmp)
                && Arrays.equals(icc, other.icc)
                && dpiX == other.dpiX
                && dpiY == other.dpiY;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(exif), Arrays.hashCode(xmp), Arrays.hashCode(icc), dpiX, dpiY);
    }

    @Override
    public String toString() {
        return "ImageMetadata[exif=" + exif.length + " B, iptc=" + iptc.length + " B, xmp=" + xmp.length + " B, icc="
                + icc.length + " B, dpi=" + dpiX + "x" + dpiY + "]";
    }
}
