package io.parley.nodes;

/** What this node carries, reported with each heartbeat; the signaling hub implements it. */
public interface NodeLoad {

    /** Participants connected here plus the streams they publish. */
    int load();

    /** Whether any session is live on this node. */
    boolean hasSessions();

    /** The sessions live on this node now. */
    java.util.Set<String> sessionIds();

    /** Sends the session's participants to reconnect at {@code signalingUrl} (another node carries it now). */
    void move(String sessionId, String signalingUrl);

    /** Sends every connected participant to reconnect elsewhere (the node is leaving). */
    void moveEveryone();
}
