package io.parley.embedded.signaling;

/**
 * How a session's media travels, the one thing relayed and routed sessions do differently: peer to peer between
 * browsers ({@link RelayedPath}) or through the media router ({@link RoutedPath}). A live session calls its path
 * under its own lock, after it has checked who may do what, so a path only makes and negotiates links.
 */
interface MediaPath {

    /** What a path needs from its session: its id, its participants, and a way to add a link and to lose one. */
    interface Session {
        String sessionId();

        /** The participant with this connection id, or null. */
        Participant participant(String connectionId);

        void add(Link link);

        /** The link's peer is gone (the router lost it); takes the session's lock itself. */
        void lost(String linkId);
    }

    /** Refuses when this path cannot carry media on this server. */
    void requireAvailable();

    /** A stream was published; the routed path links its publisher to the router, the publisher offering. */
    void published(PublishedStream stream, Participant owner);

    /** Makes the link of a new subscription, adds it to the session and tells its ends. */
    Link subscribe(PublishedStream stream, Participant subscriber);

    /** An offer, answer or candidate from one end of a link of this path (roles already checked). */
    void negotiate(Participant sender, Link link, ClientMessage.Negotiation message);

    /** The subscriber of the link shows its video {@code height} device pixels tall (0: not at all). */
    void view(Link link, int height);

    /** The session has dropped the link. */
    void closed(Link link);
}
