package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

import io.parley.embedded.media.rtp.SequenceNumbers;

/**
 * Generic NACK (RFC 4585 §6.2.1, RTPFB FMT 1): a list of (PID, BLP) pairs. PID is a lost sequence number; bit i of the
 * 16-bit BLP (least significant first) says that PID + i + 1 is lost too, so one pair covers up to 17 losses.
 */
public final class GenericNack {

    private GenericNack() {
    }

    /** True when the packet is a generic NACK with at least one pair. */
    public static boolean is(byte[] buf, int off, int len) {
        return Feedback.is(buf, off, len, Rtcp.RTPFB, Rtcp.FMT_NACK) && len >= Rtcp.FEEDBACK_HEADER_LENGTH + 4;
    }

    /**
     * Writes the lost sequence numbers of the NACK into {@code out}, in the order the packet lists them.
     *
     * @return how many were written (at most {@code out.length}), or -1 when the packet is not a generic NACK
     */
    public static int lostSequenceNumbers(byte[] buf, int off, int len, int[] out) {
        if (!is(buf, off, len) || out == null) {
            return -1;
        }
        int written = 0;
        for (int at = off + Rtcp.FEEDBACK_HEADER_LENGTH; at + 4 <= off + len && written < out.length; at += 4) {
            int pid = Bytes.u16(buf, at);
            int blp = Bytes.u16(buf, at + 2);
            out[written++] = pid;
            for (int bit = 0; bit < 16 && written < out.length; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    out[written++] = SequenceNumbers.add(pid, bit + 1);
                }
            }
        }
        return written;
    }

    /**
     * Writes a NACK for the first {@code count} of {@code seqs}, which should be in sending order (oldest first, as
     * {@link io.parley.embedded.media.rtp.LossDetector#collect} gives them) so that neighbours share a pair.
     *
     * @return the bytes written, or -1 when there is nothing to NACK or the buffer is too small
     */
    public static int write(byte[] buf, int off, long senderSsrc, long mediaSsrc, int[] seqs, int count) {
        if (seqs == null || count <= 0 || count > seqs.length || !Rtcp.fits(buf, off, Rtcp.FEEDBACK_HEADER_LENGTH + 4)) {
            return -1;
        }
        int at = off + Rtcp.FEEDBACK_HEADER_LENGTH;
        int pid = seqs[0] & SequenceNumbers.MASK;
        int blp = 0;
        for (int i = 1; i < count; i++) {
            int seq = seqs[i] & SequenceNumbers.MASK;
            int distance = SequenceNumbers.delta(pid, seq);
            if (distance >= 1 && distance <= 16) {
                blp |= 1 << (distance - 1);
                continue;
            }
            if (distance == 0) {
                continue;
            }
            if (!Rtcp.fits(buf, at, 8)) {
                return -1;
            }
            writePair(buf, at, pid, blp);
            at += 4;
            pid = seq;
            blp = 0;
        }
        writePair(buf, at, pid, blp);
        at += 4;
        int total = at - off;
        Feedback.writeHeader(buf, off, Rtcp.RTPFB, Rtcp.FMT_NACK, total, senderSsrc, mediaSsrc);
        return total;
    }

    private static void writePair(byte[] buf, int at, int pid, int blp) {
        Bytes.put16(buf, at, pid);
        Bytes.put16(buf, at + 2, blp);
    }
}
