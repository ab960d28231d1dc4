package io.parley.nodes;

import java.net.URI;

/**
 * A media node as the shared store knows it: where browsers and other nodes reach it, how loaded it is (its
 * participants and published streams at its last heartbeat, plus sessions placed on it since), and whether it is
 * draining (taking no new sessions).
 */
public record MediaNode(String id, URI url, int load, boolean draining) {

    /** The WebSocket URL of this node's signaling endpoint. */
    public String signalingUrl() {
        String scheme = "https".equalsIgnoreCase(url.getScheme()) ? "wss" : "ws";
        String authority = url.getRawAuthority();
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + authority + path + "/rtc";
    }
}
