package io.parley.embedded.media.sdp;

import java.util.List;

/**
 * One m-section of a subscriber's answer: whether the browser accepted it, its direction and the codecs (with the
 * feedback) it accepted, which are a subset of what the router offered.
 */
public record AnsweredMedia(String mid, MediaKind kind, boolean accepted, Direction direction, List<RtpCodec> codecs,
                            List<RtcpFeedback> feedback) {

    public AnsweredMedia {
        codecs = List.copyOf(codecs);
        feedback = List.copyOf(feedback);
    }
}
