package io.parley.embedded.media.router;

/**
 * A browser receiving one routed stream. The router's offer gave it SSRCs and payload types of the router's
 * choosing, so every forwarded packet has those two header fields rewritten: the publisher's own values are not
 * known when the offer is made, and need not be.
 */
record Consumer(WebRtcTransport link, long videoSsrc, long audioSsrc, int videoPayloadType, int audioPayloadType) {
}
