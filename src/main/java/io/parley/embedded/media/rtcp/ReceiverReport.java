package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/**
 * A receiver report (RFC 3550 §6.4.2) as a reusable view: a subscriber's reception quality of what the router sends it,
 * from which the router learns loss and, through LSR/DLSR, the round trip.
 */
public final class ReceiverReport {

    private static final int BLOCKS_AT = 8;

    private byte[] data;
    private int offset;
    private int reportCount;
    private long ssrc;

    /** Decodes the packet at {@code off} of {@code len} bytes (as given by {@link RtcpCompound}); false when malformed. */
    public boolean decode(byte[] buf, int off, int len) {
        data = null;
        reportCount = 0;
        if (!Rtcp.fits(buf, off, len) || len < BLOCKS_AT || (buf[off + 1] & 0xFF) != Rtcp.RR) {
            return false;
        }
        int blocks = buf[off] & 0x1F;
        if (BLOCKS_AT + blocks * ReportBlock.LENGTH > len) {
            return false;
        }
        data = buf;
        offset = off;
        reportCount = blocks;
        ssrc = Bytes.u32(buf, off + 4);
        return true;
    }

    public long ssrc() {
        return ssrc;
    }

    public int reportCount() {
        return reportCount;
    }

    /** Reads report block {@code index} into {@code into}; false when there is no such block. */
    public boolean reportBlock(int index, ReportBlock into) {
        if (data == null || index < 0 || index >= reportCount) {
            return false;
        }
        into.read(data, offset + BLOCKS_AT + index * ReportBlock.LENGTH);
        return true;
    }
}
