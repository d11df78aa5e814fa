package dev.imagerestore.operators.decode.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The IPTC-IIM block of Photoshop image resources (a JPEG APP13 "Photoshop 3.0" segment): a run
 * of {@code 8BIM} resources, each an id, a padded Pascal name and a padded length-prefixed body;
 * IPTC is resource 0x0404. Only that resource is read and written.
 */
final class PhotoshopResources {

    static final int IPTC = 0x0404;
    private static final int SIGNATURE = 0x3842494d;

    private PhotoshopResources() {}

    /** The IPTC records in {@code resources}, empty if there are none or the block is malformed. */
    static byte[] iptc(byte[] resources) {
        ByteBuffer in = ByteBuffer.wrap(resources);
        while (in.remaining() >= 12 && in.getInt() == SIGNATURE) {
            int id = in.getShort() & 0xffff;
            int nameLength = in.get() & 0xff;
            int skip = nameLength + ((nameLength + 1) % 2);
            if (in.remaining() < skip + 4) {
                break;
            }
            in.position(in.position() + skip);
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) {
                break;
            }
            if (id == IPTC) {
                byte[] records = new byte[size];
                in.get(records);
                return records;
            }
            in.position(Math.min(in.limit(), in.position() + size + (size % 2)));
        }
        return new byte[0];
    }

    /** One IPTC resource holding {@code records}, with an empty name. */
    static byte[] ofIptc(byte[] records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.length + 14);
        ByteBuffer header = ByteBuffer.allocate(12)
                .putInt(SIGNATURE)
                .putShort((short) IPTC)
                .put((byte) 0)
                .put((byte) 0)
                .putInt(records.length);
        out.writeBytes(header.array());
        out.writeBytes(records);
        if (records.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }
}
