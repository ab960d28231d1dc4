package io.parley.embedded.media.stun;

/** Why {@link StunMessage#decode} refused a datagram; the transport counts these instead of throwing. */
public enum StunDecodeFailure {
    /** Shorter than the 20-byte header. */
    TRUNCATED_HEADER,
    /** RFC 8489 §5: the two most significant bits of every STUN message are zero. */
    NOT_STUN,
    /** RFC 8489 §5: the magic cookie is not 0x2112A442 (an RFC 3489 client or another protocol). */
    BAD_COOKIE,
    /** RFC 8489 §5: the message length counts padded attributes, so it is always a multiple of 4. */
    LENGTH_NOT_MULTIPLE_OF_4,
    /** The header's message length does not match the datagram (over UDP a datagram is exactly one message). */
    LENGTH_MISMATCH,
    /** An attribute header or value (with its padding) runs past the end of the message. */
    ATTRIBUTE_OVERRUNS,
    /** A known attribute has a length or content its RFC does not allow (e.g. an 18-byte MESSAGE-INTEGRITY). */
    BAD_ATTRIBUTE,
    /** RFC 8489 §14.7: FINGERPRINT must be the last attribute. */
    FINGERPRINT_NOT_LAST
}
