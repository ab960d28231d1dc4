package io.parley.embedded.media.srtp;

import io.parley.embedded.media.rtp.RtpHeader;

import java.security.GeneralSecurityException;

/**
 * SRTP and SRTCP for one direction of one DTLS-SRTP association: a sending context only protects,
 * a receiving context only unprotects, each with the {@link SrtpKeys} of its direction. It keeps
 * the per-SSRC state (rollover counter, replay windows, SRTCP index) that RFC 3711 requires.
 *
 * <p>Every method returns the new packet length, or a negative {@link SrtpDrop#code()} and counts
 * the drop: nothing is thrown or logged per packet. {@code out} may be {@code packet} at the same
 * offset (in place); then the array must have room for what protection appends.
 *
 * <p><b>Not thread-safe</b>, by design: it reuses its Cipher, Mac and buffers for every packet, so
 * one context belongs to the one thread that runs its receive or send loop.
 */
public final class SrtpContext {
    /** SSRCs a context tracks unless told otherwise; see {@link SsrcTable}. */
    public static final int DEFAULT_MAX_SSRCS = 64;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX = 4;
    private static final int E_FLAG = 0x80000000;

    private final SrtpProfile profile;
    private final AesCm rtpCipher;
    private final AesCm rtcpCipher;
    private final HmacSha1Tag rtpMac;
    private final HmacSha1Tag rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[16];
    private final SsrcTable ssrcs;
    private final long[] drops = new long[SrtpDrop.values().length];

    public SrtpContext(SrtpKeys keys) {
        this(keys, DEFAULT_MAX_SSRCS);
    }

    public SrtpContext(SrtpKeys keys, int maxSsrcs) {
        this(keys, maxSsrcs, AesCm.Mode.JCE_CTR);
    }

    SrtpContext(SrtpKeys keys, int maxSsrcs, AesCm.Mode mode) {
        profile = keys.profile();
        rtpCipher = AesCm.create(mode, keys.rtpCipherKey());
        rtcpCipher = AesCm.create(mode, keys.rtcpCipherKey());
        rtpMac = new HmacSha1Tag(keys.rtpAuthKey());
        rtcpMac = new HmacSha1Tag(keys.rtcpAuthKey());
        rtpSalt = keys.rtpSalt();
        rtcpSalt = keys.rtcpSalt();
        ssrcs = new SsrcTable(maxSsrcs);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Bytes {@link #protect} appends to an RTP packet. */
    public int rtpOverhead() {
        return profile.rtpTagLength();
    }

    /** Bytes {@link #protectRtcp} appends to an RTCP packet: E flag and index, then the tag. */
    public int rtcpOverhead() {
        return SRTCP_INDEX + profile.rtcpTagLength();
    }

    /** Packets refused so far for {@code reason}. */
    public long drops(SrtpDrop reason) {
        return drops[reason.ordinal()];
    }

    /** Highest RTP packet index (ROC << 16 | SEQ) accepted for {@code ssrc}, or -1; for tests and stats. */
    long rtpIndex(int ssrc) {
        SsrcState state = ssrcs.get(ssrc);
        return state == null ? -1 : state.rtp.highest();
    }

    /** Protects in place; {@code packet} needs {@link #rtpOverhead()} spare bytes after the packet. */
    public int protect(byte[] packet, int offset, int length) {
        return protect(packet, offset, length, packet, offset);
    }

    /**
     * Encrypts the payload of the RTP packet in {@code packet[offset, offset+length)} and appends the
     * tag (RFC 3711 §3.3), writing the SRTP packet at {@code out[outOffset]}. Sending the same
     * sequence number twice (a retransmission answering a NACK) is allowed: it yields the same bytes.
     */
    public int protect(byte[] packet, int offset, int length, byte[] out, int outOffset) {
        if (!inBounds(packet, offset, length)) {
            return drop(SrtpDrop.MALFORMED);
        }
        int header = RtpHeader.headerLength(packet, offset, length);
        if (header < 0) {
            return drop(header == RtpHeader.TOO_SHORT ? SrtpDrop.TOO_SHORT : SrtpDrop.MALFORMED);
        }
        int tagLength = profile.rtpTagLength();
        if (outOffset < 0 || outOffset + length + tagLength > out.length) {
            return drop(SrtpDrop.BUFFER_TOO_SMALL);
        }
        int ssrc = readInt(packet, offset + 8);
        SsrcState state = ssrcs.get(ssrc);
        if (state == null && (state = ssrcs.add(ssrc)) == null) {
            return drop(SrtpDrop.SSRC_LIMIT);
        }
        long index = state.guessIndex(readShort(packet, offset + 2));
        if (index < 0) {
            return drop(SrtpDrop.TOO_OLD);
        }
        try {
            if (out != packet || outOffset != offset) {
                System.arraycopy(packet, offset, out, outOffset, header);
            }
            counterIv(rtpSalt, ssrc, index);
            rtpCipher.apply(iv, packet, offset + header, length - header, out, outOffset + header);
            rtpMac.computeRtp(out, outOffset, length, (int) (index >>> 16));
            rtpMac.write(out, outOffset + length, tagLength);
        } catch (GeneralSecurityException | RuntimeException e) {
            return drop(SrtpDrop.UNKNOWN);
        }
        state.rtp.accept(index);
        return length + tagLength;
    }

    /** Unprotects in place. */
    public int unprotect(byte[] packet, int offset, int length) {
        return unprotect(packet, offset, length, packet, offset);
    }

    /**
     * Authenticates and decrypts the SRTP packet in {@code packet[offset, offset+length)} (RFC 3711
     * §3.3): index guessed per Appendix A, replay checked, tag checked, and only then the payload
     * decrypted and the ROC and replay window advanced.
     */
    public int unprotect(byte[] packet, int offset, int length, byte[] out, int outOffset) {
        if (!inBounds(packet, offset, length)) {
            return drop(SrtpDrop.MALFORMED);
        }
        int tagLength = profile.rtpTagLength();
        int plainLength = length - tagLength;
        if (plainLength < RTP_HEADER) {
            return drop(SrtpDrop.TOO_SHORT);
        }
        int header = RtpHeader.headerLength(packet, offset, plainLength);
        if (header < 0) {
            return drop(SrtpDrop.MALFORMED);
        }
        if (outOffset < 0 || outOffset + plainLength > out.length) {
            return drop(SrtpDrop.BUFFER_TOO_SMALL);
        }
        int ssrc = readInt(packet, offset + 8);
        int seq = readShort(packet, offset + 2);
        SsrcState state = ssrcs.get(ssrc);
        long index = state == null ? seq : state.guessIndex(seq);
        if (index < 0) {
            return drop(SrtpDrop.TOO_OLD);
        }
        if (state != null) {
            SrtpDrop replay = state.rtp.check(index);
            if (replay != null) {
                return drop(replay);
            }
        }
        try {
            rtpMac.computeRtp(packet, offset, plainLength, (int) (index >>> 16));
            if (!rtpMac.matches(packet, offset + plainLength, tagLength)) {
                return drop(SrtpDrop.AUTH_FAILED);
            }
            if (state == null && (state = ssrcs.add(ssrc)) == null) {
                return drop(SrtpDrop.SSRC_LIMIT);
            }
            if (out != packet || outOffset != offset) {
                System.arraycopy(packet, offset, out, outOffset, header);
            }
            counterIv(rtpSalt, ssrc, index);
            rtpCipher.apply(iv, packet, offset + header, plainLength - header, out, outOffset + header);
        } catch (GeneralSecurityException | RuntimeException e) {
            return drop(SrtpDrop.UNKNOWN);
        }
        state.rtp.accept(index);
        return plainLength;
    }

    /** Protects an RTCP packet in place; needs {@link #rtcpOverhead()} spare bytes. */
    public int protectRtcp(byte[] packet, int offset, int length) {
        return protectRtcp(packet, offset, length, packet, offset);
    }

    /**
     * Encrypts everything after the first 8 bytes of the (compound) RTCP packet, then appends the E
     * flag with the SRTCP index and the tag over all of it (RFC 3711 §3.4). The index counts per
     * sending SSRC from 0.
     */
    public int protectRtcp(byte[] packet, int offset, int length, byte[] out, int outOffset) {
        if (!inBounds(packet, offset, length)) {
            return drop(SrtpDrop.MALFORMED);
        }
        if (length < RTCP_HEADER) {
            return drop(SrtpDrop.TOO_SHORT);
        }
        if (!isVersion2(packet, offset)) {
            return drop(SrtpDrop.MALFORMED);
        }
        int tagLength = profile.rtcpTagLength();
        if (outOffset < 0 || outOffset + length + SRTCP_INDEX + tagLength > out.length) {
            return drop(SrtpDrop.BUFFER_TOO_SMALL);
        }
        int ssrc = readInt(packet, offset + 4);
        SsrcState state = ssrcs.get(ssrc);
        if (state == null && (state = ssrcs.add(ssrc)) == null) {
            return drop(SrtpDrop.SSRC_LIMIT);
        }
        int index = state.nextSrtcpIndex;
        try {
            if (out != packet || outOffset != offset) {
                System.arraycopy(packet, offset, out, outOffset, RTCP_HEADER);
            }
            counterIv(rtcpSalt, ssrc, index);
            rtcpCipher.apply(iv, packet, offset + RTCP_HEADER, length - RTCP_HEADER, out, outOffset + RTCP_HEADER);
            writeInt(out, outOffset + length, E_FLAG | index);
            rtcpMac.computeRtcp(out, outOffset, length + SRTCP_INDEX);
            rtcpMac.write(out, outOffset + length + SRTCP_INDEX, tagLength);
        } catch (GeneralSecurityException | RuntimeException e) {
            return drop(SrtpDrop.UNKNOWN);
        }
        // The index is 31 bits and wraps (§3.3.1); keys are replaced long before 2^31 packets (§9.2).
        state.nextSrtcpIndex = (index + 1) & 0x7FFFFFFF;
        return length + SRTCP_INDEX + tagLength;
    }

    /** Unprotects an SRTCP packet in place. */
    public int unprotectRtcp(byte[] packet, int offset, int length) {
        return unprotectRtcp(packet, offset, length, packet, offset);
    }

    /**
     * Authenticates and, when its E flag is set, decrypts an SRTCP packet (RFC 3711 §3.4); its index
     * goes through a replay window of its own.
     */
    public int unprotectRtcp(byte[] packet, int offset, int length, byte[] out, int outOffset) {
        if (!inBounds(packet, offset, length)) {
            return drop(SrtpDrop.MALFORMED);
        }
        int tagLength = profile.rtcpTagLength();
        int plainLength = length - tagLength - SRTCP_INDEX;
        if (plainLength < RTCP_HEADER) {
            return drop(SrtpDrop.TOO_SHORT);
        }
        if (!isVersion2(packet, offset)) {
            return drop(SrtpDrop.MALFORMED);
        }
        if (outOffset < 0 || outOffset + plainLength > out.length) {
            return drop(SrtpDrop.BUFFER_TOO_SMALL);
        }
        int trailer = readInt(packet, offset + plainLength);
        boolean encrypted = (trailer & E_FLAG) != 0;
        int index = trailer & 0x7FFFFFFF;
        int ssrc = readInt(packet, offset + 4);
        SsrcState state = ssrcs.get(ssrc);
        if (state != null) {
            SrtpDrop replay = state.rtcp.check(index);
            if (replay != null) {
                return drop(replay);
            }
        }
        try {
            rtcpMac.computeRtcp(packet, offset, plainLength + SRTCP_INDEX);
            if (!rtcpMac.matches(packet, offset + plainLength + SRTCP_INDEX, tagLength)) {
                return drop(SrtpDrop.AUTH_FAILED);
            }
            if (state == null && (state = ssrcs.add(ssrc)) == null) {
                return drop(SrtpDrop.SSRC_LIMIT);
            }
            if (encrypted) {
                if (out != packet || outOffset != offset) {
                    System.arraycopy(packet, offset, out, outOffset, RTCP_HEADER);
                }
                counterIv(rtcpSalt, ssrc, index);
                rtcpCipher.apply(iv, packet, offset + RTCP_HEADER, plainLength - RTCP_HEADER,
                        out, outOffset + RTCP_HEADER);
            } else if (out != packet || outOffset != offset) {
                System.arraycopy(packet, offset, out, outOffset, plainLength);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return drop(SrtpDrop.UNKNOWN);
        }
        state.rtcp.accept(index);
        return plainLength;
    }

    /**
     * IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16) (RFC 3711 §4.1.1): the salt fills bytes
     * 0-13, the SSRC is XORed into bytes 4-7, the 48-bit index into bytes 8-13; bytes 14-15 stay zero
     * for the block counter.
     */
    private void counterIv(byte[] salt, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, SrtpProfile.SALT_LENGTH);
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
        iv[14] = 0;
        iv[15] = 0;
    }

    private int drop(SrtpDrop reason) {
        drops[reason.ordinal()]++;
        return reason.code();
    }

    private static boolean inBounds(byte[] packet, int offset, int length) {
        return offset >= 0 && length >= 0 && offset + length <= packet.length && offset + length >= 0;
    }

    private static boolean isVersion2(byte[] packet, int offset) {
        return (packet[offset] & 0xC0) == 0x80;
    }

    static int readShort(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int off, int value) {
        b[off] = (byte) (value >>> 24);
        b[off + 1] = (byte) (value >>> 16);
        b[off + 2] = (byte) (value >>> 8);
        b[off + 3] = (byte) value;
    }
}
