package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/** A BYE packet (RFC 3550 §6.6): the sources that left. The optional reason text is not read. */
public final class Bye {

    private byte[] data;
    private int offset;
    private int sourceCount;

    /** Decodes the packet at {@code off} of {@code len} bytes (as given by {@link RtcpCompound}); false when malformed. */
    public boolean decode(byte[] buf, int off, int len) {
        data = null;
        sourceCount = 0;
        if (!Rtcp.fits(buf, off, len) || len < Rtcp.HEADER_LENGTH || (buf[off + 1] & 0xFF) != Rtcp.BYE) {
            return false;
        }
        int count = buf[off] & 0x1F;
        if (Rtcp.HEADER_LENGTH + 4 * count > len) {
            return false;
        }
        data = buf;
        offset = off;
        sourceCount = count;
        return true;
    }

    public int sourceCount() {
        return sourceCount;
    }

    /** SSRC or CSRC {@code index}, or -1. */
    public long ssrc(int index) {
        return data == null || index < 0 || index >= sourceCount ? -1 : Bytes.u32(data, offset + 4 + 4 * index);
    }
}
