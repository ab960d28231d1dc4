package io.parley.embedded.media.router;

/**
 * The media router's API for routed sessions: each published stream is one peer connection from the publisher's
 * browser to the router, each subscription one from the router to the subscriber's browser. Signaling calls it under
 * a session's lock, so no method blocks: each does its SDP work on the caller's thread and hands the state change to
 * the router's media thread. The router knows nothing of signaling; it names links by the ids signaling gives it.
 */
public interface RoutedMedia {

    /** Signaling's name for the router as the other end of a link. */
    String ROUTER = "router";

    /** False when this server has no router: routed sessions then cannot carry media. */
    boolean available();

    /**
     * Answers the publisher's offer for a stream's link; {@code onGone} runs (on another thread) when the router loses
     * the publisher: no consent for its timeout, a failed handshake. A link is negotiated once.
     *
     * @throws NegotiationException the offer is unusable, or the link was already negotiated
     */
    String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone);

    /**
     * The router's offer for a subscription to a stream; {@code onGone} as for {@link #publish}. {@code subscriberId}
     * names the participant: its subscriptions share one downlink, and simulcast layers are chosen for them together.
     */
    String subscribe(String sessionId, String streamId, String linkId, String subscriberId, Runnable onGone);

    /**
     * The subscriber's answer to the router's offer for the link ({@code offerSdp}, as {@link #subscribe} returned it).
     *
     * @throws NegotiationException the answer is unusable
     */
    void answer(String linkId, String offerSdp, String answerSdp);

    /** Whether publishers should send their cameras in simulcast layers (parley.media.simulcast). */
    default boolean simulcast() {
        return false;
    }

    /**
     * The subscriber of link {@code linkId} shows its video {@code height} device pixels tall: its simulcast layer
     * is the smallest at least that tall its downlink carries, and 0 pauses its video. Unknown links are ignored.
     */
    default void view(String linkId, int height) {
    }

    /**
     * Who needs which layers: {@code listener} hears, for a simulcast stream, the rids its publisher should send
     * (lowest first); the others nobody receives, and the publisher's browser may stop encoding them.
     */
    default void onLayersWanted(LayersListener listener) {
    }

    /** Hears that stream {@code streamId} of session {@code sessionId} is needed in these layers only. */
    interface LayersListener {
        void layersWanted(String sessionId, String streamId, java.util.List<String> rids);
    }

    /** Ends a link's transport; unknown links are ignored. */
    void close(String linkId);

    /**
     * Who speaks: {@code listener} hears of each session's new active speaker, judged by the router from the audio
     * levels in publishers' packets, on a thread of the router's (never the media thread).
     */
    default void onActiveSpeaker(ActiveSpeakerListener listener) {
    }

    /** Hears that stream {@code streamId} is now the active speaker of session {@code sessionId}. */
    interface ActiveSpeakerListener {
        void activeSpeaker(String sessionId, String streamId);
    }
}
