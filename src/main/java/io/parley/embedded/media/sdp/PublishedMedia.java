package io.parley.embedded.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the router takes from one accepted m-section of a publisher's offer: its position and mid, the codec chosen
 * (with its RTX, if offered), the SSRCs the browser announced (with Unified Plan Chrome always announces them, but
 * nothing requires it, so they are optional and the MID extension is the fallback for demultiplexing), the feedback
 * both sides will use and the ids of the header extensions the router keeps (audio level on audio only). With
 * {@code transportCcId} the publisher estimates its bandwidth itself from the router's transport-wide feedback;
 * without it the router tells it a bitrate (REMB), which needs abs-send-time.
 */
public record PublishedMedia(int index, String mid, MediaKind kind, RtpCodec codec, Optional<RtpCodec> rtx,
                             OptionalLong ssrc, OptionalLong rtxSsrc, Optional<String> cname, Optional<Msid> msid,
                             List<String> feedback, OptionalInt absSendTimeId, OptionalInt midExtensionId,
                             OptionalInt audioLevelId, Optional<Simulcast> simulcast,
                             OptionalInt transportCcId) {

    public PublishedMedia {
        feedback = List.copyOf(feedback);
    }

    /** Send-side bandwidth estimation: transport-wide feedback instead of REMB. */
    public boolean sendSideEstimation() {
        return transportCcId.isPresent();
    }
}
