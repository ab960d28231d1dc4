package io.parley.embedded.media.dtls;

/** Why a DTLS-SRTP handshake did not produce keys; carried by {@link DtlsHandshakeException}. */
public enum DtlsFailureReason {
    /** The client sent no certificate; WebRTC requires one, its fingerprint is the peer's identity (RFC 5763 §5). */
    NO_CLIENT_CERTIFICATE,
    /** The client's certificate does not have the fingerprint from the peer's SDP: not the browser that signaled. */
    FINGERPRINT_MISMATCH,
    /** The client offered no use_srtp extension or no profile this router supports (RFC 5764 §4.1.1). */
    NO_COMMON_SRTP_PROFILE,
    /** The handshake did not finish within the handshake timeout. */
    TIMEOUT,
    /** The peer sent a fatal alert. */
    ALERT_RECEIVED,
    /** The endpoint was closed before the handshake finished. */
    CLOSED,
    /** The handshake executor refused the task. */
    EXECUTOR_REJECTED,
    /** Any other DTLS protocol error, e.g. no common cipher suite or a bad Finished. */
    PROTOCOL_ERROR
}
