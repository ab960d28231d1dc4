package io.parley.embedded.signaling;

/**
 * What signaling needs from the media router for routed sessions: each published stream is one peer connection from
 * the publisher's browser to the router, each subscription one from the router to the subscriber's browser. Calls
 * come under a session's lock, so implementations must not block.
 */
public interface RoutedMedia {

    /** Signaling's name for the router as the other end of a link. */
    String ROUTER = "router";

    /** False when this server has no router: routed sessions then cannot carry media. */
    boolean available();

    /**
     * Answers the publisher's offer for a stream's link; {@code onGone} runs when the router loses the publisher
     * (no consent for its timeout). Throws {@link IllegalArgumentException} with a reason for an offer it cannot use.
     */
    String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone);

    /** The router's offer for a subscription to a stream; {@code onGone} as for {@link #publish}. */
    String subscribe(String sessionId, String streamId, String linkId, Runnable onGone);

    /** The subscriber's answer to the router's offer. Throws {@link IllegalArgumentException} for a bad answer. */
    void answer(String linkId, String answerSdp);

    /** Ends a link's transport; unknown links are ignored. */
    void close(String linkId);

    /** For servers without a router. */
    RoutedMedia NONE = new RoutedMedia() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public String subscribe(String sessionId, String streamId, String linkId, Runnable onGone) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public void answer(String linkId, String answerSdp) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public void close(String linkId) {
        }
    };
}
