package io.parley.embedded.media.rtp;


import java.nio.charset.StandardCharsets;

import static io.parley.embedded.media.Bytes.*;

/**
 * A decoded RTP header (RFC 3550 §5.1) as a view over the packet it came from.
 *
 * <p>One instance is meant to be reused by a receive loop: {@link #decode} overwrites every field and keeps only a reference
 * to the caller's array, so decoding allocates nothing; the view is valid until the caller reuses that array. Malformed
 * input never throws: {@code decode} returns the reason instead.
 *
 * <p>Header extensions are read in the two general formats of RFC 8285: one-byte elements (profile 0xBEDE, §4.2) and
 * two-byte elements (profile 0x100X, §4.3). Any other profile is kept as an opaque block that {@link #extension} ignores.
 *
 * <p>The static {@code set...} helpers rewrite fields in place: a forwarded packet keeps its payload and gets the
 * subscriber's own SSRC, payload type, sequence number and timestamp before it is re-encrypted for that subscriber.
 */
public final class RtpHeader {

    public static final int VERSION = 2;
    public static final int FIXED_HEADER_LENGTH = 12;
    /** RFC 8285 §4.2. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: 0x100 followed by four application bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private byte[] data;
    private int offset;
    private int length;
    private boolean padding;
    private boolean marker;
    private int csrcCount;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private int extensionProfile;
    private int extensionAt;
    private int extensionLength;
    private int payloadOffset;
    private int payloadLength;

    /** {@link #headerLength}: fewer than 12 bytes. */
    public static final int TOO_SHORT = -1;
    /** {@link #headerLength}: not version 2, or the CSRC list or extension runs past the end. */
    public static final int MALFORMED = -2;

    /**
     * Where the header (fixed part, CSRC list, extension: RFC 3550 §5.1, §5.3.1) of the packet at {@code off} ends,
     * reading nothing past it. SRTP needs exactly this: it leaves the header in the clear and encrypts what follows
     * (RFC 3711 §3.1), so the padding that {@link #decode} checks is not readable yet.
     *
     * @return the header's length, or {@link #TOO_SHORT} or {@link #MALFORMED}
     */
    public static int headerLength(byte[] b, int off, int len) {
        if (len < FIXED_HEADER_LENGTH) {
            return TOO_SHORT;
        }
        int first = b[off] & 0xFF;
        if (first >>> 6 != VERSION) {
            return MALFORMED;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (header + 4 > len) {
                return MALFORMED;
            }
            header += 4 + 4 * (((b[off + header + 2] & 0xFF) << 8) | (b[off + header + 3] & 0xFF));
        }
        return header <= len ? header : MALFORMED;
    }

    /** Convenience for tests and cold paths: decodes a whole array into a new instance, or null when malformed. */
    public static RtpHeader parse(byte[] packet) {
        RtpHeader header = new RtpHeader();
        return packet != null && header.decode(packet, 0, packet.length) == null ? header : null;
    }

    /**
     * RFC 5761 §4 demultiplexing on a port shared with RTCP: RTCP packet types 192–223 occupy the byte where RTP has
     * the marker and payload type, which is why RTP payload types 64–95 are never used with rtcp-mux.
     */
    public static boolean looksLikeRtp(byte[] packet, int off, int len) {
        if (packet == null || off < 0 || len < FIXED_HEADER_LENGTH || off > packet.length - len) {
            return false;
        }
        int type = packet[off + 1] & 0xFF;
        return (packet[off] & 0xC0) == 0x80 && (type < 192 || type > 223);
    }

    /**
     * Decodes the header of the {@code len}-byte packet at {@code off}.
     *
     * @return null when the header is well formed (this instance now describes it), otherwise why it is not
     */
    public RtpDecodeFailure decode(byte[] packet, int off, int len) {
        return decode(packet, off, len, true);
    }

    /**
     * Decodes the header of an SRTP packet before it is decrypted: the header is in the clear (RFC 3711 §3.1), but
     * the padding count is not, so the payload length includes padding and authentication tag.
     */
    public RtpDecodeFailure decodeProtected(byte[] packet, int off, int len) {
        return decode(packet, off, len, false);
    }

    private RtpDecodeFailure decode(byte[] packet, int off, int len, boolean readPadding) {
        clear();
        if (packet == null || off < 0 || len < FIXED_HEADER_LENGTH || off > packet.length - len) {
            return RtpDecodeFailure.TRUNCATED_HEADER;
        }
        int first = u8(packet, off);
        if (first >>> 6 != VERSION) {
            return RtpDecodeFailure.BAD_VERSION;
        }
        int end = off + len;
        int at = off + FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if (at > end) {
            return RtpDecodeFailure.CSRC_OVERRUNS;
        }
        int profile = -1;
        int extAt = -1;
        int extLen = 0;
        if ((first & 0x10) != 0) {
            if (at + 4 > end) {
                return RtpDecodeFailure.EXTENSION_OVERRUNS;
            }
            profile = u16(packet, at);
            extLen = 4 * u16(packet, at + 2);
            extAt = at + 4;
            if (extLen > end - extAt) {
                return RtpDecodeFailure.EXTENSION_OVERRUNS;
            }
            at = extAt + extLen;
        }
        int paddingLength = 0;
        if ((first & 0x20) != 0 && readPadding) {
            paddingLength = at < end ? u8(packet, end - 1) : 0;
            if (paddingLength == 0 || paddingLength > end - at) {
                return RtpDecodeFailure.BAD_PADDING;
            }
        }
        this.data = packet;
        this.offset = off;
        this.length = len;
        this.padding = paddingLength > 0;
        this.marker = (packet[off + 1] & 0x80) != 0;
        this.csrcCount = first & 0x0F;
        this.payloadType = packet[off + 1] & 0x7F;
        this.sequenceNumber = u16(packet, off + 2);
        this.timestamp = u32(packet, off + 4);
        this.ssrc = u32(packet, off + 8);
        this.extensionProfile = profile;
        this.extensionAt = extAt;
        this.extensionLength = extLen;
        this.payloadOffset = at;
        this.payloadLength = end - at - paddingLength;
        return null;
    }

    private void clear() {
        data = null;
        offset = length = 0;
        padding = marker = false;
        csrcCount = payloadType = sequenceNumber = 0;
        timestamp = ssrc = 0;
        extensionProfile = extensionAt = -1;
        extensionLength = 0;
        payloadOffset = payloadLength = 0;
    }

    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public boolean padding() {
        return padding;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public long csrc(int index) {
        return index < 0 || index >= csrcCount ? -1 : u32(data, offset + FIXED_HEADER_LENGTH + 4 * index);
    }

    public boolean hasExtension() {
        return extensionAt >= 0;
    }

    /** The 16-bit "defined by profile" field of the extension header, or -1 without an extension. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Where the payload starts in {@link #data()}: after the CSRCs and the extension. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes, without the padding. */
    public int payloadLength() {
        return payloadLength;
    }

    /** The offset in {@link #data()} of the value of extension element {@code id}, or -1 when absent. */
    public int extensionOffset(int id) {
        long found = findExtension(id);
        return found < 0 ? -1 : (int) (found >>> 16);
    }

    /** The offset of the value of extension element {@code id} if it is {@code length} bytes long, else -1; one scan. */
    public int extensionOffset(int id, int length) {
        long found = findExtension(id);
        return found < 0 || (found & 0xFFFF) != length ? -1 : (int) (found >>> 16);
    }

    /** The length of the value of extension element {@code id}, or -1 when absent. */
    public int extensionLength(int id) {
        long found = findExtension(id);
        return found < 0 ? -1 : (int) (found & 0xFFFF);
    }

    /**
     * The abs-send-time extension (http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time): 24 bits of 6.18 fixed
     * point seconds, which the router rewrites for bandwidth estimation. Returns -1 when absent or not three bytes long.
     */
    public int absSendTime(int id) {
        long found = findExtension(id);
        if (found < 0 || (found & 0xFFFF) != 3) {
            return -1;
        }
        int at = (int) (found >>> 16);
        return u8(data, at) << 16 | u16(data, at + 1);
    }

    /**
     * The transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2), or -1 when absent
     * or not two bytes long.
     */
    public int transportSequenceNumber(int id) {
        long found = findExtension(id);
        if (found < 0 || (found & 0xFFFF) != 2) {
            return -1;
        }
        return u16(data, (int) (found >>> 16));
    }

    /**
     * The sdes:mid extension (RFC 8843 §15.2), which binds a packet to its m-line before its SSRC is known; null when absent.
     * Allocates a string, so it is for the first packets of a stream, not the steady state.
     */
    public String mid(int id) {
        long found = findExtension(id);
        if (found < 0) {
            return null;
        }
        return new String(data, (int) (found >>> 16), (int) (found & 0xFFFF), StandardCharsets.US_ASCII);
    }

    /** Packs (value offset << 16 | value length), or -1; one scan serves both accessors without allocating. */
    private long findExtension(int id) {
        if (extensionAt < 0 || id <= 0) {
            return -1;
        }
        if (extensionProfile == ONE_BYTE_PROFILE) {
            return id < 15 ? findOneByte(id) : -1;
        }
        if ((extensionProfile & 0xFFF0) == TWO_BYTE_PROFILE) {
            return id < 256 ? findTwoByte(id) : -1;
        }
        return -1;
    }

    /** RFC 8285 §4.2: a 4-bit id and 4-bit (length - 1); id 0 is a padding byte, id 15 ends the list. */
    private long findOneByte(int id) {
        int at = extensionAt;
        int end = extensionAt + extensionLength;
        while (at < end) {
            int b = u8(data, at);
            int elementId = b >>> 4;
            if (elementId == 0) {
                at++;
                continue;
            }
            if (elementId == 15) {
                return -1;
            }
            int valueLength = (b & 0x0F) + 1;
            int valueAt = at + 1;
            if (valueLength > end - valueAt) {
                return -1;
            }
            if (elementId == id) {
                return (long) valueAt << 16 | valueLength;
            }
            at = valueAt + valueLength;
        }
        return -1;
    }

    /** RFC 8285 §4.3: an 8-bit id and an 8-bit length; id 0 is a padding byte. */
    private long findTwoByte(int id) {
        int at = extensionAt;
        int end = extensionAt + extensionLength;
        while (at < end) {
            int elementId = u8(data, at);
            if (elementId == 0) {
                at++;
                continue;
            }
            if (at + 2 > end) {
                return -1;
            }
            int valueLength = u8(data, at + 1);
            int valueAt = at + 2;
            if (valueLength > end - valueAt) {
                return -1;
            }
            if (elementId == id) {
                return (long) valueAt << 16 | valueLength;
            }
            at = valueAt + valueLength;
        }
        return -1;
    }

    /**
     * Adds extension element {@code id} with a two-byte value of zero to the decoded packet, in place, after the
     * elements it has: the rest of the packet moves up 4 bytes, or 8 for a packet without extension, which gets a
     * one-byte-form block. {@code capacity} is how many bytes the packet's array holds from its offset. Returns the
     * packet's new length, or -1 when it would not fit, when {@code id} is not valid in the packet's form (one-byte:
     * 1..14, two-byte: 1..255), or when the packet's extension is neither form of RFC 8285; the packet is then as it
     * was. Decode the packet again after.
     */
    public int addElement(int id, int capacity) {
        boolean none = extensionAt < 0;
        boolean oneByte = none || extensionProfile == ONE_BYTE_PROFILE;
        if (!oneByte && (extensionProfile & 0xFFF0) != TWO_BYTE_PROFILE || id < 1 || id > (oneByte ? 14 : 255)) {
            return -1;
        }
        int grow = none ? 8 : 4;
        if (length + grow > capacity || extensionLength + 4 > 0x3FFFC) {
            return -1;
        }
        int at = none ? offset + FIXED_HEADER_LENGTH + 4 * csrcCount : extensionAt + extensionLength;
        System.arraycopy(data, at, data, at + grow, offset + length - at);
        if (none) {
            data[offset] |= 0x10;
            put16(data, at, ONE_BYTE_PROFILE);
            put16(data, at + 2, 0);
            at += 4;
        }
        int words = at - 2 - (none ? 0 : extensionLength);
        put16(data, words, u16(data, words) + 1);
        if (oneByte) {
            data[at] = (byte) (id << 4 | 1);
            data[at + 1] = 0;
            data[at + 2] = 0;
            data[at + 3] = 0; // padding to the word
        } else {
            data[at] = (byte) id;
            data[at + 1] = 2;
            data[at + 2] = 0;
            data[at + 3] = 0;
        }
        return length + grow;
    }

    /**
     * Gives the header extension elements new ids in place: element {@code id} becomes {@code newIds[id]}. A router
     * forwards a publisher's packet into connections that negotiated the extensions under ids of their own, so the
     * ids are translated once, as the packet arrives. In one-byte form (ids 1..14) a new id must be 1..14; other
     * profiles are left alone. No-op without an extension.
     */
    public void renumberExtensions(byte[] newIds) {
        if (extensionAt < 0) {
            return;
        }
        int at = extensionAt;
        int end = extensionAt + extensionLength;
        if (extensionProfile == ONE_BYTE_PROFILE) {
            while (at < end) {
                int b = u8(data, at);
                int elementId = b >>> 4;
                if (elementId == 0) {
                    at++;
                    continue;
                }
                if (elementId == 15) {
                    return;
                }
                data[at] = (byte) ((newIds[elementId] & 0x0F) << 4 | (b & 0x0F));
                at += 1 + (b & 0x0F) + 1;
            }
        } else if ((extensionProfile & 0xFFF0) == TWO_BYTE_PROFILE) {
            while (at < end) {
                int elementId = u8(data, at);
                if (elementId == 0) {
                    at++;
                    continue;
                }
                if (at + 2 > end) {
                    return;
                }
                data[at] = newIds[elementId];
                at += 2 + u8(data, at + 1);
            }
        }
    }

    /** Rewrites the SSRC of the packet at {@code off}; the caller has decoded it, so the fixed header is there. */
    public static void setSsrc(byte[] packet, int off, long ssrc) {
        put32(packet, off + 8, ssrc);
    }

    /** Rewrites the payload type and keeps the marker bit, which shares its byte. */
    public static void setPayloadType(byte[] packet, int off, int payloadType) {
        packet[off + 1] = (byte) ((packet[off + 1] & 0x80) | (payloadType & 0x7F));
    }

    public static void setSequenceNumber(byte[] packet, int off, int sequenceNumber) {
        put16(packet, off + 2, sequenceNumber);
    }

    public static void setTimestamp(byte[] packet, int off, long timestamp) {
        put32(packet, off + 4, timestamp);
    }

    public static void setMarker(byte[] packet, int off, boolean marker) {
        packet[off + 1] = (byte) (marker ? packet[off + 1] | 0x80 : packet[off + 1] & 0x7F);
    }
}
