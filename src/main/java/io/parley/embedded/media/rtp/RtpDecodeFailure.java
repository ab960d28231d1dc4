package io.parley.embedded.media.rtp;

/** Why {@link RtpHeader#decode} refused a packet; the transport counts these instead of throwing. */
public enum RtpDecodeFailure {
    /** Shorter than the 12-byte fixed header (RFC 3550 §5.1), or the bounds given do not fit the array. */
    TRUNCATED_HEADER,
    /** RFC 3550 §5.1: the version field must be 2. */
    BAD_VERSION,
    /** The CSRC list runs past the end of the packet. */
    CSRC_OVERRUNS,
    /** The header extension (RFC 3550 §5.3.1) runs past the end of the packet. */
    EXTENSION_OVERRUNS,
    /** RFC 3550 §5.1: the last octet counts the padding, itself included, so it is at least 1 and fits the payload. */
    BAD_PADDING
}
