package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;

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
    private final JsonNode id;

    Refusal(Code code, String reason) {
        this(code, reason, null);
    }

    private Refusal(Code code, String reason, JsonNode id) {
        super(reason, null, false, false);
        this.code = code;
        this.id = id;
    }

    /** The same refusal, answering the request with this id. */
    Refusal answering(JsonNode requestId) {
        return new Refusal(code, getMessage(), requestId);
    }

    /** The id of the refused request, if it had a usable one. */
    JsonNode id() {
        return id;
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
