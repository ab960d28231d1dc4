package io.parley.embedded.media.router;

/**
 * The router cannot use an offer or answer, or the link is not in a state to take it. Its message is written for
 * the client (signaling sends it as the refusal's reason); {@link #code} says which kind of refusal it is.
 */
public final class NegotiationException extends RuntimeException {

    /** What went wrong, for signaling's error codes. */
    public enum Code {
        /** The SDP is malformed or offers nothing the router can forward. */
        UNUSABLE_SDP,
        /** The link already negotiated, or is not waiting for this. */
        WRONG_STATE
    }

    private final Code code;

    public NegotiationException(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
