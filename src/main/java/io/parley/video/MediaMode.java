package io.parley.video;

/** How a session's media travels. */
public enum MediaMode {
    /** Through a media router; required for archiving, recommended above two or three participants. */
    ROUTED,
    /** Peer to peer between browsers; lower latency for two or three participants, cannot be archived. */
    RELAYED
}
