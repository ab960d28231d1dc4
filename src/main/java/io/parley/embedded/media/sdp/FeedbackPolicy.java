package io.parley.embedded.media.sdp;

import java.util.List;

/**
 * The RTCP feedback and header extensions the router negotiates.
 *
 * <p>Publishers estimate their uplink themselves: where the offer has transport-cc and the transport-wide-cc
 * extension, the answer keeps both, and the router reports every packet's arrival time back, so the browser's own
 * estimator (delay and loss based, with probing) sets its bitrate, as it would with another browser. Only a
 * publisher without transport-cc is answered goog-remb and told a bitrate. Subscriber offers where the router numbers
 * its packets have transport-cc instead of goog-remb: the router chooses their layers from the queueing their
 * feedback shows, their losses and their reports (see the router's Downlink); a receiver's REMB, the older way, says
 * nothing the router uses (it never exceeds much what arrives). nack and nack pli (RFC 4585) let the router repair
 * losses from its buffer and ask for key frames; ccm fir (RFC 5104) is the older key frame request some senders
 * still answer. The MID extension stays because BUNDLE demultiplexing relies on it before SSRCs are known (RFC 8843).
 * Audio gets no feedback but transport-cc (its packets count towards the estimate): Opus has FEC.
 */
final class FeedbackPolicy {

    static final String TRANSPORT_CC = "transport-cc";
    static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "nack", "nack pli", "ccm fir");
    private static final List<String> SEND_SIDE_VIDEO_FEEDBACK = List.of(TRANSPORT_CC, "nack", "nack pli", "ccm fir");

    private FeedbackPolicy() {
    }

    /** What the router's offers without transport-wide sequence numbers ask for (and its answers' policy). */
    static List<String> feedbackFor(MediaKind kind) {
        return kind == MediaKind.VIDEO ? VIDEO_FEEDBACK : List.of();
    }

    /** What a subscriber offer asks for, with {@code transportWide} when its packets carry the router's numbers. */
    static List<String> feedbackFor(MediaKind kind, boolean transportWide) {
        if (!transportWide) {
            return feedbackFor(kind);
        }
        return kind == MediaKind.VIDEO ? SEND_SIDE_VIDEO_FEEDBACK : List.of(TRANSPORT_CC);
    }

    /**
     * What an answer to a publisher may say: our policy, in our order, limited to what the offer offered (RFC 4585
     * §4.2); with {@code sendSide} transport-cc in place of goog-remb.
     */
    static List<String> acceptedFromPublisher(MediaKind kind, List<String> offered, boolean sendSide) {
        List<String> policy = !sendSide ? feedbackFor(kind)
                : kind == MediaKind.VIDEO ? SEND_SIDE_VIDEO_FEEDBACK : List.of(TRANSPORT_CC);
        return policy.stream().filter(offered::contains).toList();
    }
}
