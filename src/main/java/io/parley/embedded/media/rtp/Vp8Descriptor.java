package io.parley.embedded.media.rtp;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2) at the start of a VP8 RTP payload, as a reusable view.
 *
 * <pre>
 *      0 1 2 3 4 5 6 7
 *     +-+-+-+-+-+-+-+-+
 *     |X|R|N|S|R| PID | (REQUIRED)
 *     +-+-+-+-+-+-+-+-+
 * X:  |I|L|T|K| RSV   | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * I:  |M| PictureID   | (OPTIONAL, 7 or 15 bits)
 *     +-+-+-+-+-+-+-+-+
 * L:  |   TL0PICIDX   | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * T/K:|TID|Y| KEYIDX  | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * {@link #decode} returns false for a descriptor that runs past the payload; it never throws.
 */
public final class Vp8Descriptor {

    /** Returned by the accessors of optional fields that the descriptor does not carry. */
    public static final int ABSENT = -1;

    private boolean nonReference;
    private boolean startOfPartition;
    private int partitionIndex;
    private int pictureId;
    private boolean longPictureId;
    private int tl0PicIdx;
    private int temporalId;
    private boolean layerSync;
    private int keyIndex;
    private int descriptorLength;

    /**
     * Decodes the descriptor at the start of the {@code len}-byte payload at {@code off}.
     *
     * @return true when it is well formed and followed by at least one byte of VP8 data
     */
    public boolean decode(byte[] payload, int off, int len) {
        clear();
        if (payload == null || off < 0 || len < 1 || off > payload.length - len) {
            return false;
        }
        int end = off + len;
        int at = off;
        int first = payload[at++] & 0xFF;
        nonReference = (first & 0x20) != 0;
        startOfPartition = (first & 0x10) != 0;
        partitionIndex = first & 0x07;
        if ((first & 0x80) != 0) {
            if (at >= end) {
                return false;
            }
            int ext = payload[at++] & 0xFF;
            if ((ext & 0x80) != 0) {
                if (at >= end) {
                    return false;
                }
                int b = payload[at++] & 0xFF;
                if ((b & 0x80) != 0) {
                    if (at >= end) {
                        return false;
                    }
                    longPictureId = true;
                    pictureId = (b & 0x7F) << 8 | (payload[at++] & 0xFF);
                } else {
                    pictureId = b;
                }
            }
            if ((ext & 0x40) != 0) {
                if (at >= end) {
                    return false;
                }
                tl0PicIdx = payload[at++] & 0xFF;
            }
            if ((ext & 0x30) != 0) {
                if (at >= end) {
                    return false;
                }
                int b = payload[at++] & 0xFF;
                // RFC 7741 §4.2: TID is meaningful only with T, KEYIDX only with K; the byte is shared.
                if ((ext & 0x20) != 0) {
                    temporalId = b >>> 6;
                    layerSync = (b & 0x20) != 0;
                }
                if ((ext & 0x10) != 0) {
                    keyIndex = b & 0x1F;
                }
            }
        }
        if (at >= end) {
            return false;
        }
        descriptorLength = at - off;
        return true;
    }

    private void clear() {
        nonReference = startOfPartition = longPictureId = layerSync = false;
        partitionIndex = 0;
        pictureId = tl0PicIdx = temporalId = keyIndex = ABSENT;
        descriptorLength = 0;
    }

    /** N: the frame is not used to predict others, so a router may drop it without breaking the stream. */
    public boolean nonReference() {
        return nonReference;
    }

    /** S: the packet starts a VP8 partition. */
    public boolean startOfPartition() {
        return startOfPartition;
    }

    public int partitionIndex() {
        return partitionIndex;
    }

    /** The 7- or 15-bit picture id, or {@link #ABSENT}. */
    public int pictureId() {
        return pictureId;
    }

    /** M: the picture id has 15 bits rather than 7, so it wraps at 32768. */
    public boolean longPictureId() {
        return longPictureId;
    }

    public int tl0PicIdx() {
        return tl0PicIdx;
    }

    public int temporalId() {
        return temporalId;
    }

    public boolean layerSync() {
        return layerSync;
    }

    public int keyIndex() {
        return keyIndex;
    }

    /** Bytes of descriptor: the VP8 data (and, at a frame start, its payload header) begins this far into the payload. */
    public int length() {
        return descriptorLength;
    }

    /** True for the first packet of a frame: S=1 and partition index 0, so the VP8 payload header follows (RFC 7741 §4.3). */
    public boolean startsFrame() {
        return startOfPartition && partitionIndex == 0;
    }
}
