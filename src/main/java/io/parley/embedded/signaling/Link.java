package io.parley.embedded.signaling;

/**
 * One subscription's peer link: in a relayed session, a peer connection between the publisher's browser (which
 * offers) and the subscriber's browser.
 */
record Link(String linkId, String streamId, String publisherId, String subscriberId) {

    boolean hasEnd(String connectionId) {
        return publisherId.equals(connectionId) || subscriberId.equals(connectionId);
    }

    String otherEnd(String connectionId) {
        return publisherId.equals(connectionId) ? subscriberId : publisherId;
    }
}
