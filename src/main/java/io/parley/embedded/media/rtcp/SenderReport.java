package io.parley.embedded.media.rtcp;


import static io.parley.embedded.media.Bytes.*;

/**
 * A sender report (RFC 3550 §6.4.1) as a reusable view. The router keeps the NTP timestamp's middle 32 bits to echo as LSR
 * in its receiver reports (so the publisher can measure the round trip), and the NTP/RTP pair to map RTP time to wall
 * clock time for recording.
 */
public final class SenderReport {

    static final int SENDER_INFO_END = 28;

    private byte[] data;
    private int offset;
    private int reportCount;
    private long ssrc;
    private long ntpTimestamp;
    private long rtpTimestamp;
    private long packetCount;
    private long octetCount;

    /** Decodes the packet at {@code off} of {@code len} bytes (as given by {@link RtcpCompound}); false when malformed. */
    public boolean decode(byte[] buf, int off, int len) {
        data = null;
        reportCount = 0;
        if (!Rtcp.fits(buf, off, len) || len < SENDER_INFO_END || (buf[off + 1] & 0xFF) != Rtcp.SR) {
            return false;
        }
        int blocks = buf[off] & 0x1F;
        if (SENDER_INFO_END + blocks * ReportBlock.LENGTH > len) {
            return false;
        }
        data = buf;
        offset = off;
        reportCount = blocks;
        ssrc = u32(buf, off + 4);
        ntpTimestamp = u32(buf, off + 8) << 32 | u32(buf, off + 12);
        rtpTimestamp = u32(buf, off + 16);
        packetCount = u32(buf, off + 20);
        octetCount = u32(buf, off + 24);
        return true;
    }

    public long ssrc() {
        return ssrc;
    }

    /** 64-bit NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32. */
    public long ntpTimestamp() {
        return ntpTimestamp;
    }

    /** The middle 32 bits of the NTP timestamp, as echoed in LSR (RFC 3550 §6.4.1). */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    }

    public long rtpTimestamp() {
        return rtpTimestamp;
    }

    public long packetCount() {
        return packetCount;
    }

    public long octetCount() {
        return octetCount;
    }

    public int reportCount() {
        return reportCount;
    }

    /** Reads report block {@code index} into {@code into}; false when there is no such block. */
    public boolean reportBlock(int index, ReportBlock into) {
        if (data == null || index < 0 || index >= reportCount) {
            return false;
        }
        into.read(data, offset + SENDER_INFO_END + index * ReportBlock.LENGTH);
        return true;
    }
}
