package io.parley.embedded.media.dtls;

/** A failed DTLS-SRTP handshake; {@link #reason()} is what metrics and callers switch on. */
public final class DtlsHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DtlsFailureReason reason;

    public DtlsHandshakeException(DtlsFailureReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public DtlsFailureReason reason() {
        return reason;
    }
}
