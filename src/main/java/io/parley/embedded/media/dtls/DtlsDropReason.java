package io.parley.embedded.media.dtls;

/** Why a DTLS datagram was not delivered; counted in {@link DtlsDropCounts}, never logged (media path rule). */
public enum DtlsDropReason {
    /** First byte outside 20..63, so not DTLS by RFC 7983 §7's demultiplexing; the packet loop should not have sent it. */
    NOT_DTLS,
    /** Larger than the transport's receive limit. */
    OVERSIZE,
    /** The endpoint's receive queue was full: the handshake thread is behind, and DTLS retransmits (RFC 6347 §4.2.4). */
    QUEUE_FULL,
    /** The endpoint was closed or its handshake failed. */
    CLOSED,
    /** DTLS application data after the handshake: WebRTC data channels are not supported, so it is discarded. */
    APPLICATION_DATA,
    /** The send callback threw; the datagram counts as lost and DTLS retransmission covers it. */
    SEND_FAILED,
    /** The executor refused the task that processes records after the handshake. */
    EXECUTOR_REJECTED
}
