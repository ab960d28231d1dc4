package io.parley.embedded.media.rtp;

/**
 * Copies of the most recent packets of one published stream, so that a subscriber's NACK (RFC 4585 §6.2.1) is answered
 * by the router instead of being forwarded to the publisher, whose round trip the subscriber would otherwise pay twice.
 *
 * <p>A ring of {@code capacity} slots (a power of two) indexed by the low bits of the sequence number. Each slot keeps the
 * sequence number it holds, so a lookup for a packet that a newer one has since displaced misses instead of returning the
 * wrong packet. Slot arrays are allocated the first time a slot is used and reused afterwards: once warm, storing
 * allocates nothing. Not thread-safe: one stream's packets are handled by one thread.
 */
public final class RetransmissionBuffer {

    private static final int EMPTY = -1;

    private final int mask;
    private final int maxPacketLength;
    private final byte[][] slots;
    private final int[] lengths;
    private final int[] sequenceNumbers;

    public RetransmissionBuffer(int capacity, int maxPacketLength) {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0 || capacity > SequenceNumbers.MODULUS / 2) {
            throw new IllegalArgumentException("capacity must be a power of two up to 32768: " + capacity);
        }
        if (maxPacketLength <= 0) {
            throw new IllegalArgumentException("maxPacketLength must be positive: " + maxPacketLength);
        }
        this.mask = capacity - 1;
        this.maxPacketLength = maxPacketLength;
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
        this.sequenceNumbers = new int[capacity];
        java.util.Arrays.fill(sequenceNumbers, EMPTY);
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Keeps a copy of the {@code len}-byte packet at {@code off} under sequence number {@code seq}.
     *
     * @return false when it is too long or older than the packet already in its slot (a late duplicate must not evict
     *     the newer packet that a NACK is more likely to ask for)
     */
    public boolean store(byte[] packet, int off, int len, int seq) {
        if (packet == null || off < 0 || len <= 0 || len > maxPacketLength || off > packet.length - len) {
            return false;
        }
        int sequence = seq & SequenceNumbers.MASK;
        int index = sequence & mask;
        int held = sequenceNumbers[index];
        if (held != EMPTY && held != sequence && !SequenceNumbers.isNewer(sequence, held)) {
            return false;
        }
        byte[] slot = slots[index];
        if (slot == null) {
            slot = new byte[maxPacketLength];
            slots[index] = slot;
        }
        System.arraycopy(packet, off, slot, 0, len);
        lengths[index] = len;
        sequenceNumbers[index] = sequence;
        return true;
    }

    /** True when packet {@code seq} is still held. */
    public boolean contains(int seq) {
        int sequence = seq & SequenceNumbers.MASK;
        return sequenceNumbers[sequence & mask] == sequence;
    }

    /**
     * The slot holding packet {@code seq} (its bytes start at index 0, {@link #length} long), or null when it is gone.
     * The array is the buffer's own and is overwritten by a later {@link #store}: copy it out before storing again.
     */
    public byte[] get(int seq) {
        return contains(seq) ? slots[seq & SequenceNumbers.MASK & mask] : null;
    }

    /** The length of packet {@code seq}, or -1 when it is gone. */
    public int length(int seq) {
        return contains(seq) ? lengths[seq & SequenceNumbers.MASK & mask] : -1;
    }

    /**
     * Copies packet {@code seq} into {@code dst} at {@code dstOff}, where it will be rewritten and encrypted for one
     * subscriber.
     *
     * @return the packet length, or -1 when it is gone or does not fit
     */
    public int copyTo(int seq, byte[] dst, int dstOff) {
        if (!contains(seq)) {
            return -1;
        }
        int index = seq & SequenceNumbers.MASK & mask;
        int len = lengths[index];
        if (dst == null || dstOff < 0 || dstOff > dst.length - len) {
            return -1;
        }
        System.arraycopy(slots[index], 0, dst, dstOff, len);
        return len;
    }

    /** Forgets every packet (a publisher restarted its stream); keeps the slot arrays for reuse. */
    public void clear() {
        java.util.Arrays.fill(sequenceNumbers, EMPTY);
    }
}
