package io.parley.nodes;

/** What this node carries, reported with each heartbeat; the signaling hub implements it. */
public interface NodeLoad {

    /** Participants connected here plus the streams they publish. */
    int load();

    /** Whether any session is live on this node. */
    boolean hasSessions();

    /** Sends every connected participant to reconnect elsewhere (the node is leaving). */
    void moveEveryone();
}
