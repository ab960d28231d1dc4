package io.parley.embedded.media.rtcp;


import static io.parley.embedded.media.Bytes.*;

/**
 * One reception report block (RFC 3550 §6.4.1): how well the reporter receives one source. A mutable holder, reused by
 * readers and writers so that reports are handled without allocation.
 */
public final class ReportBlock {

    public static final int LENGTH = 24;

    public long ssrc;
    /** Fraction of packets lost since the previous report, in 1/256. */
    public int fractionLost;
    /** Packets lost since the start of reception: a signed 24-bit value (duplicates can make it negative). */
    public int cumulativeLost;
    public long extendedHighestSequence;
    /** Interarrival jitter in RTP timestamp units. */
    public long jitter;
    /** The middle 32 bits of the NTP timestamp of the last SR from this source, or 0. */
    public long lastSenderReport;
    /** Delay since that SR in 1/65536 s, or 0. */
    public long delaySinceLastSenderReport;

    /** Reads the block at {@code at}; the caller has checked that 24 bytes are there. */
    public ReportBlock read(byte[] buf, int at) {
        ssrc = u32(buf, at);
        fractionLost = u8(buf, at + 4);
        int lost = u8(buf, at + 5) << 16 | u16(buf, at + 6);
        cumulativeLost = (lost << 8) >> 8;
        extendedHighestSequence = u32(buf, at + 8);
        jitter = u32(buf, at + 12);
        lastSenderReport = u32(buf, at + 16);
        delaySinceLastSenderReport = u32(buf, at + 20);
        return this;
    }

    /** Writes the block at {@code at}; the caller has checked that 24 bytes fit. */
    public void write(byte[] buf, int at) {
        put32(buf, at, ssrc);
        buf[at + 4] = (byte) fractionLost;
        int lost = Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost));
        buf[at + 5] = (byte) (lost >> 16);
        put16(buf, at + 6, lost);
        put32(buf, at + 8, extendedHighestSequence);
        put32(buf, at + 12, jitter);
        put32(buf, at + 16, lastSenderReport);
        put32(buf, at + 20, delaySinceLastSenderReport);
    }
}
