package io.parley.embedded.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the router takes from one accepted m-section of a publisher's offer: its position and mid, the codec chosen
 * (with its RTX, if offered), the SSRCs the browser announced (with Unified Plan Chrome always announces them, but
 * nothing requires it, so they are optional and the MID extension is the fallback for demultiplexing), the feedback
 * both sides will use and the ids of the header extensions the router keeps (audio level on audio only).
 */
public record PublishedMedia(int index, String mid, MediaKind kind, RtpCodec codec, Optional<RtpCodec> rtx,
                             OptionalLong ssrc, OptionalLong rtxSsrc, Optional<String> cname, Optional<Msid> msid,
                             List<String> feedback, OptionalInt absSendTimeId, OptionalInt midExtensionId,
                             OptionalInt audioLevelId, Optional<Simulcast> simulcast) {

    public PublishedMedia {
        feedback = List.copyOf(feedback);
    }
}
