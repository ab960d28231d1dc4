package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;
import io.parley.embedded.media.rtp.SequenceNumbers;

import java.util.Arrays;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1, RTPFB FMT 15)
 * for one RTP session the router receives: when each packet arrived, by the transport-wide sequence number the sender
 * put in every packet. With it the sender's own estimator runs (Chrome's delay- and loss-based estimate with its
 * probing), the way a browser does with a browser, instead of being told a bitrate.
 *
 * <p>Arrivals are kept in a window and reported once: each {@link #write} covers the packets from the first one not
 * yet reported to the highest one received, the missing ones as not received. A packet that arrives after it was
 * reported missing is not reported again. Media thread only.
 */
public final class TransportFeedback {

    /** RTPFB FMT of transport-wide feedback. */
    public static final int FMT = 15;
    /** A receive delta counts multiples of 250 µs; the reference time multiples of 64 ms (256 deltas). */
    public static final long DELTA_MICROS = 250;
    static final int DELTAS_PER_REFERENCE = 256;
    static final int NOT_RECEIVED = 0;
    static final int SMALL_DELTA = 1;
    static final int LARGE_DELTA = 2;
    /** Packets one feedback message covers at most: about 1 KB in the worst case, well inside one datagram. */
    static final int MAX_STATUSES = 400;
    private static final int WINDOW = 8192;
    private static final int MAX_RUN = 0x1FFF;
    private static final int FIXED_LENGTH = Rtcp.FEEDBACK_HEADER_LENGTH + 8;

    /** Arrival times are kept in microseconds since this, so that none is negative (nanoTime may be). */
    private final long originNanos;
    private final long[] arrivals = new long[WINDOW];
    private final int[] statuses = new int[MAX_STATUSES];
    private final int[] deltas = new int[MAX_STATUSES];
    /** The extended sequence number of the first packet not reported yet, and of the highest one received. */
    private long next = Long.MIN_VALUE;
    private long highest;
    private long mediaSsrc;
    private int feedbackCount;

    /** Feedback for packets that arrive from {@code originNanos} on ({@link System#nanoTime()}). */
    public TransportFeedback(long originNanos) {
        this.originNanos = originNanos;
        Arrays.fill(arrivals, -1);
    }

    /** A packet of {@code ssrc} with transport-wide sequence number {@code sequence} arrived at {@code nanos}. */
    public void onPacket(int sequence, long ssrc, long nanos) {
        long micros = Math.max(0, (nanos - originNanos) / 1000);
        if (next == Long.MIN_VALUE) {
            next = sequence;
            highest = sequence;
        }
        long extended = SequenceNumbers.unwrap(highest, sequence);
        if (extended < next) {
            return; // reported already, as missing
        }
        if (extended - next >= WINDOW) {
            // a jump past the whole window: what was not reported before it is given up, not reported as thousands lost
            Arrays.fill(arrivals, -1);
            next = extended;
        }
        int slot = (int) (extended & (WINDOW - 1));
        if (arrivals[slot] < 0) {
            arrivals[slot] = micros; // a duplicate keeps the first arrival
        }
        highest = Math.max(highest, extended);
        mediaSsrc = ssrc;
    }

    /** True when packets arrived that no feedback has covered. */
    public boolean pending() {
        return next != Long.MIN_VALUE && next <= highest;
    }

    /**
     * Writes one feedback message for the packets not reported yet, as many as fit one message (call again while
     * {@link #pending()}). Returns the bytes written, or -1 when nothing is pending or the buffer is too small.
     */
    public int write(byte[] buf, int off, long senderSsrc) {
        if (!pending() || !Rtcp.fits(buf, off, FIXED_LENGTH + 3 * MAX_STATUSES + 4)) {
            return -1;
        }
        long base = next;
        long reference = -1;
        long previous = 0;
        int count = 0;
        for (long sequence = base; sequence <= highest && count < MAX_STATUSES; sequence++) {
            long arrival = arrivals[(int) (sequence & (WINDOW - 1))];
            if (arrival < 0) {
                statuses[count++] = NOT_RECEIVED;
                continue;
            }
            long ticks = arrival / DELTA_MICROS;
            if (reference < 0) {
                reference = ticks / DELTAS_PER_REFERENCE;
                previous = reference * DELTAS_PER_REFERENCE;
            }
            long delta = ticks - previous;
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                break; // more than 8 s from the previous packet: the next message starts from a new reference
            }
            deltas[count] = (int) delta;
            statuses[count++] = delta >= 0 && delta <= 0xFF ? SMALL_DELTA : LARGE_DELTA;
            previous = ticks;
        }
        for (int i = 0; i < count; i++) {
            arrivals[(int) ((base + i) & (WINDOW - 1))] = -1;
        }
        next = base + count;
        int at = off + Rtcp.FEEDBACK_HEADER_LENGTH;
        Bytes.put16(buf, at, (int) (base & SequenceNumbers.MASK));
        Bytes.put16(buf, at + 2, count);
        Bytes.put32(buf, at + 4, (reference & 0xFF_FFFFL) << 8 | (feedbackCount++ & 0xFF));
        at += 8;
        at = writeChunks(buf, at, count);
        for (int i = 0; i < count; i++) {
            if (statuses[i] == SMALL_DELTA) {
                buf[at++] = (byte) deltas[i];
            } else if (statuses[i] == LARGE_DELTA) {
                Bytes.put16(buf, at, deltas[i] & 0xFFFF);
                at += 2;
            }
        }
        int length = at - off;
        int padding = (4 - length % 4) % 4;
        for (int i = 0; i < padding; i++) {
            buf[at++] = 0;
        }
        length += padding;
        Rtcp.writeHeader(buf, off, FMT, Rtcp.RTPFB, length);
        if (padding > 0) {
            // RFC 3550 §6.4.1: the P bit, and the last byte says how many bytes of padding there are
            buf[off] |= 0x20;
            buf[off + length - 1] = (byte) padding;
        }
        Bytes.put32(buf, off + 4, senderSsrc);
        Bytes.put32(buf, off + 8, mediaSsrc);
        return length;
    }

    /**
     * Packet status chunks (§3.1.3, §3.1.4): a run-length chunk for a run of at least 14 equal statuses, else a
     * one-bit vector of 14 when none of them needs a large delta, else a two-bit vector of 7. A vector's symbols past
     * the status count are zero and the receiver ignores them.
     */
    private int writeChunks(byte[] buf, int at, int count) {
        int i = 0;
        while (i < count) {
            int run = 1;
            while (i + run < count && run < MAX_RUN && statuses[i + run] == statuses[i]) {
                run++;
            }
            int chunk;
            if (run >= 14) {
                chunk = statuses[i] << 13 | run;
                i += run;
            } else if (!largeIn(i, Math.min(count, i + 14))) {
                chunk = 0x8000;
                for (int s = 0; s < 14; s++) {
                    int status = i + s < count ? statuses[i + s] : NOT_RECEIVED;
                    chunk |= status << (13 - s);
                }
                i += 14;
            } else {
                chunk = 0xC000;
                for (int s = 0; s < 7; s++) {
                    int status = i + s < count ? statuses[i + s] : NOT_RECEIVED;
                    chunk |= status << (12 - 2 * s);
                }
                i += 7;
            }
            Bytes.put16(buf, at, chunk);
            at += 2;
        }
        return at;
    }

    private boolean largeIn(int from, int to) {
        for (int i = from; i < to; i++) {
            if (statuses[i] == LARGE_DELTA) {
                return true;
            }
        }
        return false;
    }

    /** True when the packet is a transport-wide feedback message with its fixed fields. */
    public static boolean is(byte[] buf, int off, int len) {
        return Feedback.is(buf, off, len, Rtcp.RTPFB, FMT) && len >= FIXED_LENGTH;
    }

    /**
     * Reads a feedback message, as a sender would: {@code arrivals[i]} gets the arrival time in microseconds of packet
     * {@code base + i} on the receiver's clock (reference time times 64 ms plus the deltas), or -1 when it was not received. Returns
     * the base sequence number in the high 16 bits and the status count in the low 16, or -1 when the message is
     * malformed or {@code arrivals} is too short. {@code len} may cover the padding (the length the header says) or
     * not (what {@link RtcpCompound} gives).
     */
    public static long read(byte[] buf, int off, int len, long[] arrivals) {
        if (!is(buf, off, len)) {
            return -1;
        }
        int end = off + len;
        // padding, unless the caller's parser took it off already (RtcpCompound gives the length without it)
        if ((buf[off] & 0x20) != 0 && len == (Bytes.u16(buf, off + 2) + 1) * 4) {
            end -= buf[off + len - 1] & 0xFF;
            if (end < off + FIXED_LENGTH) {
                return -1;
            }
        }
        int at = off + Rtcp.FEEDBACK_HEADER_LENGTH;
        int base = Bytes.u16(buf, at);
        int count = Bytes.u16(buf, at + 2);
        long reference = Bytes.u32(buf, at + 4) >>> 8;
        if (count > arrivals.length) {
            return -1;
        }
        at += 8;
        int decoded = 0;
        while (decoded < count) {
            if (at + 2 > end) {
                return -1;
            }
            int chunk = Bytes.u16(buf, at);
            at += 2;
            if ((chunk & 0x8000) == 0) {
                int status = chunk >>> 13 & 3;
                int run = Math.min(chunk & MAX_RUN, count - decoded);
                for (int s = 0; s < run; s++) {
                    arrivals[decoded++] = status;
                }
            } else if ((chunk & 0x4000) == 0) {
                for (int s = 0; s < 14 && decoded < count; s++) {
                    arrivals[decoded++] = chunk >>> (13 - s) & 1;
                }
            } else {
                for (int s = 0; s < 7 && decoded < count; s++) {
                    arrivals[decoded++] = chunk >>> (12 - 2 * s) & 3;
                }
            }
        }
        long ticks = reference * DELTAS_PER_REFERENCE;
        for (int i = 0; i < count; i++) {
            long status = arrivals[i];
            if (status == NOT_RECEIVED) {
                arrivals[i] = -1;
                continue;
            }
            int size = status == SMALL_DELTA ? 1 : 2;
            if (status > LARGE_DELTA || at + size > end) {
                return -1;
            }
            ticks += size == 1 ? buf[at] & 0xFF : (short) Bytes.u16(buf, at);
            at += size;
            arrivals[i] = ticks * DELTA_MICROS;
        }
        return (long) base << 16 | count;
    }
}
