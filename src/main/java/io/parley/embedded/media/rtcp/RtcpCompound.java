package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/**
 * Walks the packets of a compound RTCP datagram (RFC 3550 §6.1): each starts with a header whose length field counts
 * 32-bit words minus one, so packets follow each other with no gap.
 *
 * <p>Reusable and allocation-free: {@link #reset} points it at a datagram, and each {@link #next} moves to the following
 * packet. A reduced-size datagram (RFC 5506) that holds a single feedback message is walked the same way, which is why
 * the first packet is not required to be a report. When {@code next} returns false, {@link #failure} says whether the end
 * was reached cleanly (null) or why the rest of the datagram was refused; packets already returned stay valid.
 */
public final class RtcpCompound {

    private byte[] data;
    private int at;
    private int end;
    private int packetOffset;
    private int packetLength;
    private int type;
    private int count;
    private RtcpDecodeFailure failure;

    /** Starts walking the {@code len}-byte datagram at {@code off}. */
    public RtcpCompound reset(byte[] datagram, int off, int len) {
        failure = null;
        packetOffset = packetLength = type = count = 0;
        if (!Rtcp.fits(datagram, off, len) || len < Rtcp.HEADER_LENGTH) {
            data = null;
            at = end = 0;
            failure = RtcpDecodeFailure.TRUNCATED_HEADER;
            return this;
        }
        data = datagram;
        at = off;
        end = off + len;
        return this;
    }

    /** Moves to the next packet; false at the end or on a malformed packet (see {@link #failure}). */
    public boolean next() {
        if (data == null || at >= end) {
            return false;
        }
        if (end - at < Rtcp.HEADER_LENGTH) {
            return fail(RtcpDecodeFailure.TRUNCATED_HEADER);
        }
        int first = data[at] & 0xFF;
        if (first >>> 6 != 2) {
            return fail(RtcpDecodeFailure.BAD_VERSION);
        }
        int total = 4 * (Bytes.u16(data, at + 2) + 1);
        if (total > end - at) {
            return fail(RtcpDecodeFailure.LENGTH_OVERRUNS);
        }
        int content = total;
        if ((first & 0x20) != 0) {
            int padding = data[at + total - 1] & 0xFF;
            if (at + total != end || padding == 0 || padding > total - Rtcp.HEADER_LENGTH) {
                return fail(RtcpDecodeFailure.BAD_PADDING);
            }
            content = total - padding;
        }
        packetOffset = at;
        packetLength = content;
        type = data[at + 1] & 0xFF;
        count = first & 0x1F;
        at += total;
        return true;
    }

    private boolean fail(RtcpDecodeFailure reason) {
        failure = reason;
        data = null;
        return false;
    }

    /** Null after a clean end; otherwise why the walk stopped. */
    public RtcpDecodeFailure failure() {
        return failure;
    }

    /** Where the current packet starts (its header) in the datagram. */
    public int offset() {
        return packetOffset;
    }

    /** The current packet's length from its header, without padding. */
    public int length() {
        return packetLength;
    }

    /** The packet type ({@link Rtcp#SR}...). */
    public int type() {
        return type;
    }

    /** The 5-bit field after the padding bit: report or source count, or the feedback message type (FMT). */
    public int count() {
        return count;
    }
}
