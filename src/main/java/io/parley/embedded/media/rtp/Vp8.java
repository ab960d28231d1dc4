package io.parley.embedded.media.rtp;

/**
 * What the router needs to know about VP8 payloads (RFC 7741) without decoding video: whether a packet starts a key
 * frame (a late subscriber can only start decoding there) and its picture id.
 */
public final class Vp8 {

    private Vp8() {
    }

    /** {@link #isKeyFrame(byte[], int, int)} on a whole array. */
    public static boolean isKeyFrame(byte[] payload) {
        return payload != null && isKeyFrame(payload, 0, payload.length);
    }

    /**
     * True when the RTP payload is the first packet of a VP8 key frame: the descriptor says the packet starts partition 0
     * (S=1, PID=0), so the VP8 payload header follows it, and that header's P bit, the lowest bit of its first byte
     * (the "inverse key frame flag", RFC 7741 §4.3 and RFC 6386 §9.1), is 0.
     */
    public static boolean isKeyFrame(byte[] payload, int off, int len) {
        if (payload == null || off < 0 || len < 1 || off > payload.length - len) {
            return false;
        }
        int first = payload[off] & 0xFF;
        if ((first & 0x10) == 0 || (first & 0x07) != 0) {
            return false;
        }
        int headerAt = descriptorLength(payload, off, len);
        return headerAt > 0 && (payload[off + headerAt] & 0x01) == 0;
    }

    /** The picture id of the payload's descriptor, or {@link Vp8Descriptor#ABSENT} (also for a malformed descriptor). */
    public static int pictureId(byte[] payload, int off, int len) {
        if (payload == null || off < 0 || len < 2 || off > payload.length - len) {
            return Vp8Descriptor.ABSENT;
        }
        if ((payload[off] & 0x80) == 0 || (payload[off + 1] & 0x80) == 0 || len < 3) {
            return Vp8Descriptor.ABSENT;
        }
        int b = payload[off + 2] & 0xFF;
        if ((b & 0x80) == 0) {
            return b;
        }
        return len < 4 ? Vp8Descriptor.ABSENT : (b & 0x7F) << 8 | (payload[off + 3] & 0xFF);
    }

    /**
     * The descriptor's length, or -1 when it leaves no VP8 data after it. Same walk as {@link Vp8Descriptor#decode}, kept
     * separate so the per-packet key-frame check touches no object state.
     */
    static int descriptorLength(byte[] payload, int off, int len) {
        int at = 1;
        if ((payload[off] & 0x80) != 0) {
            if (at >= len) {
                return -1;
            }
            int ext = payload[off + at++] & 0xFF;
            if ((ext & 0x80) != 0) {
                if (at >= len) {
                    return -1;
                }
                at += (payload[off + at] & 0x80) != 0 ? 2 : 1;
            }
            if ((ext & 0x40) != 0) {
                at++;
            }
            if ((ext & 0x30) != 0) {
                at++;
            }
        }
        return at < len ? at : -1;
    }

    /**
     * Moves the descriptor's picture id and TL0PICIDX on by {@code pictureIdDelta} and {@code tl0Delta}, in place,
     * each in its own width (7 or 15 bits, 8 bits): how a router that switches a subscriber between simulcast layers
     * makes their pictures one numbered sequence. A descriptor without them is left alone.
     */
    public static void shiftPictureIds(byte[] payload, int off, int len, int pictureIdDelta, int tl0Delta) {
        if (payload == null || off < 0 || len < 2 || off > payload.length - len || (payload[off] & 0x80) == 0) {
            return;
        }
        int ext = payload[off + 1] & 0xFF;
        int at = off + 2;
        int end = off + len;
        if ((ext & 0x80) != 0) {
            if (at >= end) {
                return;
            }
            if ((payload[at] & 0x80) != 0) {
                if (at + 1 >= end) {
                    return;
                }
                int id = ((payload[at] & 0x7F) << 8 | (payload[at + 1] & 0xFF)) + pictureIdDelta;
                payload[at] = (byte) (0x80 | (id >>> 8) & 0x7F);
                payload[at + 1] = (byte) id;
                at += 2;
            } else {
                payload[at] = (byte) ((payload[at] + pictureIdDelta) & 0x7F);
                at++;
            }
        }
        if ((ext & 0x40) != 0 && at < end) {
            payload[at] = (byte) (payload[at] + tl0Delta);
        }
    }

    /** The TL0PICIDX of the descriptor, or {@link Vp8Descriptor#ABSENT}. */
    public static int tl0PicIdx(byte[] payload, int off, int len) {
        if (payload == null || off < 0 || len < 2 || off > payload.length - len || (payload[off] & 0x80) == 0) {
            return Vp8Descriptor.ABSENT;
        }
        int ext = payload[off + 1] & 0xFF;
        if ((ext & 0x40) == 0) {
            return Vp8Descriptor.ABSENT;
        }
        int at = 2;
        if ((ext & 0x80) != 0) {
            if (at >= len) {
                return Vp8Descriptor.ABSENT;
            }
            at += (payload[off + at] & 0x80) != 0 ? 2 : 1;
        }
        return at < len ? payload[off + at] & 0xFF : Vp8Descriptor.ABSENT;
    }

    /**
     * The height of the key frame whose first packet this is (RFC 6386 §9.1: after the 3-byte frame tag, the start
     * code 9d 01 2a, then 14-bit width and height), or -1 when it is not one.
     */
    public static int keyFrameHeight(byte[] payload, int off, int len) {
        if (!isKeyFrame(payload, off, len)) {
            return -1;
        }
        int at = off + descriptorLength(payload, off, len);
        if (at + 10 > off + len || (payload[at + 3] & 0xFF) != 0x9d || (payload[at + 4] & 0xFF) != 0x01
                || (payload[at + 5] & 0xFF) != 0x2a) {
            return -1;
        }
        return ((payload[at + 9] & 0x3F) << 8) | (payload[at + 8] & 0xFF);
    }
}
