package io.parley.embedded.media.sdp;

import java.util.List;

/**
 * The RTCP feedback and header extensions the router negotiates, in offers and answers alike.
 *
 * <p>The router estimates bandwidth itself and tells senders with REMB, so it keeps goog-remb and the abs-send-time
 * extension that receive-side (REMB) estimation reads. transport-cc is dropped: it asks the receiver for per-packet
 * transport feedback instead, which needs the transport-wide-cc extension and an estimator the router does not run. nack and nack pli (RFC 4585) let the router repair losses from its buffer and ask for key frames; ccm fir
 * (RFC 5104) is the older key frame request some senders still answer. The MID extension stays because BUNDLE
 * demultiplexing relies on it before SSRCs are known (RFC 8843). Audio gets no feedback: Opus has FEC.
 */
final class FeedbackPolicy {

    static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "nack", "nack pli", "ccm fir");
    static final List<String> KEPT_EXTENSIONS = List.of(ExtMap.ABS_SEND_TIME, ExtMap.SDES_MID);

    private FeedbackPolicy() {
    }

    static List<String> feedbackFor(MediaKind kind) {
        return kind == MediaKind.VIDEO ? VIDEO_FEEDBACK : List.of();
    }

    /** What an answer may say: our policy, in our order, limited to what the offer offered (RFC 4585 §4.2). */
    static List<String> accepted(MediaKind kind, List<String> offered) {
        return feedbackFor(kind).stream().filter(offered::contains).toList();
    }
}
