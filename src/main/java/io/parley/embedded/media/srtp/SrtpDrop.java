package io.parley.embedded.media.srtp;

/**
 * Why {@link SrtpContext} refused a packet. The media path counts these instead of throwing or
 * logging: a packet that fails is dropped and the receive loop goes on with the next one.
 *
 * <p>Each reason has a negative {@link #code()} so that protect/unprotect can return either a
 * length (zero or more) or a reason in one {@code int}, without allocating.
 */
public enum SrtpDrop {
    /** Shorter than the fixed header plus the authentication tag (and SRTCP index). */
    TOO_SHORT,
    /** Not RTP/RTCP version 2, or its CSRC list or header extension runs past the packet. */
    MALFORMED,
    /** The authentication tag did not match: tampered, wrong keys, or a wrongly guessed ROC. */
    AUTH_FAILED,
    /** The replay window has already seen this index (RFC 3711 §3.3.2). */
    REPLAYED,
    /** Older than the 64 packets behind the newest one, so replay can no longer be ruled out. */
    TOO_OLD,
    /** The context already tracks as many SSRCs as it was built for. */
    SSRC_LIMIT,
    /** The output array cannot hold the result. */
    BUFFER_TOO_SMALL,
    /** The JCE refused an operation it had accepted at construction; not expected to happen. */
    UNKNOWN;

    private static final SrtpDrop[] BY_ORDINAL = values();

    /** The negative number protect/unprotect return for this reason. */
    public int code() {
        return -(ordinal() + 1);
    }

    /** The reason behind a negative result of protect/unprotect. */
    public static SrtpDrop fromCode(int code) {
        if (code >= 0 || -code > BY_ORDINAL.length) {
            throw new IllegalArgumentException("not a drop code: " + code);
        }
        return BY_ORDINAL[-code - 1];
    }
}
