package io.parley.embedded.media.sdp;

/** An m-section of an offer the router answers with port 0 (RFC 3264 §6), and why. */
public record RejectedMedia(int index, String kind, String reason) {
}
