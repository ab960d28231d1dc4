package io.parley.embedded.media.sdp;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One track the router sends on a subscription: the publisher's negotiated codec (payload types are forwarded
 * unchanged), the SSRCs the router chose for this subscriber, the track id shown to the browser, and the header
 * extension ids (audio level on audio only; transport-wide-cc where the router numbers its packets for the
 * subscriber's feedback).
 */
public record OutgoingTrack(MediaKind kind, RtpCodec codec, Optional<RtpCodec> rtx, long ssrc, OptionalLong rtxSsrc,
                            String trackId, OptionalInt absSendTimeId, OptionalInt midExtensionId,
                            OptionalInt audioLevelId, OptionalInt transportSequenceId) {

    /** A track without transport-wide sequence numbers. */
    public OutgoingTrack(MediaKind kind, RtpCodec codec, Optional<RtpCodec> rtx, long ssrc, OptionalLong rtxSsrc,
                         String trackId, OptionalInt absSendTimeId, OptionalInt midExtensionId,
                         OptionalInt audioLevelId) {
        this(kind, codec, rtx, ssrc, rtxSsrc, trackId, absSendTimeId, midExtensionId, audioLevelId,
                OptionalInt.empty());
    }

    public OutgoingTrack {
        java.util.Objects.requireNonNull(transportSequenceId, "transportSequenceId");
        if (rtx.isPresent() != rtxSsrc.isPresent()) {
            throw new IllegalArgumentException("an RTX payload type and an RTX SSRC go together");
        }
        checkSsrc(ssrc);
        rtxSsrc.ifPresent(OutgoingTrack::checkSsrc);
        if (trackId == null || trackId.isEmpty() || trackId.contains(" ")) {
            throw new IllegalArgumentException("a track id is one non-empty token (RFC 8830 msid-appdata)");
        }
    }

    private static void checkSsrc(long ssrc) {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC " + ssrc + " is not 32-bit unsigned");
        }
    }
}
