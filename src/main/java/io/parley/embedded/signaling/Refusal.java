package io.parley.embedded.signaling;

/**
 * A client request the server will not carry out. The client gets an {@code error} message with the code and
 * reason, and its connection stays up.
 */
final class Refusal extends RuntimeException {

    enum Code {
        BAD_MESSAGE("bad-message"),
        FORBIDDEN("forbidden"),
        NOT_FOUND("not-found"),
        CONFLICT("conflict"),
        RATE_LIMITED("rate-limited");

        final String wire;

        Code(String wire) {
            this.wire = wire;
        }
    }

    private final Code code;

    Refusal(Code code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    static Refusal badMessage(String reason) {
        return new Refusal(Code.BAD_MESSAGE, reason);
    }

    static Refusal forbidden(String reason) {
        return new Refusal(Code.FORBIDDEN, reason);
    }

    static Refusal notFound(String what, String id) {
        return new Refusal(Code.NOT_FOUND, "No " + what + " " + id + " in this session");
    }

    Code code() {
        return code;
    }
}
