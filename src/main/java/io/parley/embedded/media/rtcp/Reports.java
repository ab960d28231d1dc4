package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/**
 * Writes sender and receiver reports into a caller's buffer. The router sends receiver reports to publishers because
 * browsers' congestion control (and their key-frame and retransmission logic) relies on them; without them a browser
 * keeps its bitrate low. Every writer returns the bytes written, or -1 when the buffer is too small.
 */
public final class Reports {

    /** RFC 3550 §6.4: the 5-bit report count field. */
    public static final int MAX_BLOCKS = 31;

    private Reports() {
    }

    /** A receiver report (RFC 3550 §6.4.2) from {@code senderSsrc} with the first {@code count} of {@code blocks}. */
    public static int writeReceiverReport(byte[] buf, int off, long senderSsrc, ReportBlock[] blocks, int count) {
        if (count < 0 || count > MAX_BLOCKS || (count > 0 && (blocks == null || blocks.length < count))) {
            return -1;
        }
        int total = 8 + count * ReportBlock.LENGTH;
        if (!Rtcp.fits(buf, off, total)) {
            return -1;
        }
        Rtcp.writeHeader(buf, off, count, Rtcp.RR, total);
        Bytes.put32(buf, off + 4, senderSsrc);
        for (int i = 0; i < count; i++) {
            blocks[i].write(buf, off + 8 + i * ReportBlock.LENGTH);
        }
        return total;
    }

    /**
     * A sender report (RFC 3550 §6.4.1) without report blocks: what the router sends for each stream it forwards to a
     * subscriber, so that the subscriber can synchronise audio and video and measure the round trip.
     */
    public static int writeSenderReport(byte[] buf, int off, long ssrc, long ntpTimestamp, long rtpTimestamp,
                                        long packetCount, long octetCount) {
        int total = SenderReport.SENDER_INFO_END;
        if (!Rtcp.fits(buf, off, total)) {
            return -1;
        }
        Rtcp.writeHeader(buf, off, 0, Rtcp.SR, total);
        Bytes.put32(buf, off + 4, ssrc);
        Bytes.put32(buf, off + 8, ntpTimestamp >>> 32);
        Bytes.put32(buf, off + 12, ntpTimestamp);
        Bytes.put32(buf, off + 16, rtpTimestamp);
        Bytes.put32(buf, off + 20, packetCount);
        Bytes.put32(buf, off + 24, octetCount);
        return total;
    }
}
