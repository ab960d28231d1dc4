package io.parley.embedded.media.rtcp;

/** Why {@link RtcpCompound} stopped before the end of a datagram; the transport counts these instead of throwing. */
public enum RtcpDecodeFailure {
    /** Fewer than 4 bytes left for a header, or bounds that do not fit the array. */
    TRUNCATED_HEADER,
    /** RFC 3550 §6.4.1: the version field must be 2. */
    BAD_VERSION,
    /** The length field claims more bytes than the datagram has left. */
    LENGTH_OVERRUNS,
    /** RFC 3550 §6.4.1: padding only on the last packet, and its count (the last octet) is at least 1 and fits. */
    BAD_PADDING
}
