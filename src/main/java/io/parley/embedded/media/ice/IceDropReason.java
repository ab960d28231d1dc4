package io.parley.embedded.media.ice;

/** Why a STUN datagram got no answer; the transport counts these (see {@link IceDropCounts}), it never logs them. */
public enum IceDropReason {
    /** Not a well-formed STUN message (the decoder's reason is a {@code StunDecodeFailure}). */
    MALFORMED,
    /** A well-formed STUN message that is not a Binding request: indications, or responses a lite agent never asked for. */
    NOT_A_REQUEST,
    /** FINGERPRINT missing or wrong: RFC 8445 §7.2.2 requires it on every check, so this is not ICE traffic. */
    BAD_FINGERPRINT,
    /** USERNAME missing, or its first part is not a ufrag of ours (RFC 8445 §7.3). */
    UNKNOWN_UFRAG,
    /** USERNAME's second part is not the remote ufrag the signaling gave us for this peer. */
    WRONG_REMOTE_UFRAG,
    /** MESSAGE-INTEGRITY missing or not made with our password (RFC 8489 §9.1.3). */
    BAD_INTEGRITY,
    /** An authenticated request says the peer is controlled too; answered with 487 so it switches role (RFC 8445 §7.3.1.1). */
    ROLE_CONFLICT
}
