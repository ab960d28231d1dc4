package io.parley.embedded.media.sdp;

/**
 * An SDP that cannot be parsed or cannot be negotiated. The message is meant for the client that sent it, so it names
 * the offending line (1-based) whenever there is one.
 */
public final class SdpException extends RuntimeException {

    /** Used when the problem is not tied to one line (e.g. "no fingerprint anywhere"). */
    public static final int NO_LINE = -1;

    private final int line;

    public SdpException(String message) {
        super(message);
        this.line = NO_LINE;
    }

    public SdpException(int line, String message) {
        super("SDP line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line number, or {@link #NO_LINE}. */
    public int line() {
        return line;
    }
}
