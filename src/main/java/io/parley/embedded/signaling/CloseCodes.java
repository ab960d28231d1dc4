package io.parley.embedded.signaling;

/** WebSocket close codes of the signaling protocol (documented in the README). */
final class CloseCodes {

    static final int INVALID_TOKEN = 4001;
    static final int NOT_AUTHENTICATED = 4002;
    static final int FORCE_DISCONNECTED = 4003;
    static final int SESSION_NOT_FOUND = 4004;
    /** The session has its maximum of connections, or the token has (parley.signaling.max-connections-*). */
    static final int CONNECTION_LIMIT = 4005;
    static final int POLICY_VIOLATION = 4008;
    /**
     * The session is carried by another node, or this node is leaving: reconnect, to the URL of the {@code redirect}
     * event sent just before if it has one, else through the address the page came from.
     */
    static final int MOVED = 4010;

    private CloseCodes() {
    }
}
