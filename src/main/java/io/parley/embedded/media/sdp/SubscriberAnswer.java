package io.parley.embedded.media.sdp;

import io.parley.embedded.media.ice.IceCredentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A browser's answer to a subscription offer: its ICE credentials, DTLS fingerprint (the setup must be active, since
 * the router is the DTLS server, RFC 5763 §5) and, per offered m-section, what it accepted. The answer must mirror
 * the offer's m-sections (RFC 3264 §6) and may not add payload types the router did not offer.
 */
public record SubscriberAnswer(SessionDescription answer, IceCredentials remoteIce, Fingerprint fingerprint,
                               List<AnsweredMedia> media) {

    public SubscriberAnswer {
        media = List.copyOf(media);
    }

    public static SubscriberAnswer parse(String sdp, SessionDescription offer) {
        return from(SessionDescription.parse(sdp), offer);
    }

    public static SubscriberAnswer from(SessionDescription answer, SessionDescription offer) {
        if (answer.media().size() != offer.media().size()) {
            throw fail("it has " + answer.media().size() + " m-sections for " + offer.media().size() + " offered");
        }
        List<AnsweredMedia> media = new ArrayList<>();
        MediaDescription firstAccepted = null;
        for (int i = 0; i < offer.media().size(); i++) {
            AnsweredMedia answered = section(offer.media().get(i), answer.media().get(i), i);
            media.add(answered);
            if (answered.accepted() && firstAccepted == null) {
                firstAccepted = answer.media().get(i);
            }
        }
        if (firstAccepted == null) {
            throw fail("it rejects every m-section");
        }
        MediaDescription m = firstAccepted;
        String ufrag = answer.attribute(m, "ice-ufrag").orElseThrow(() -> fail("it has no a=ice-ufrag"));
        String pwd = answer.attribute(m, "ice-pwd").orElseThrow(() -> fail("it has no a=ice-pwd"));
        IceCredentials ice;
        try {
            ice = new IceCredentials(ufrag, pwd);
        } catch (IllegalArgumentException e) {
            throw fail("its ICE credentials are too short: " + e.getMessage());
        }
        Fingerprint fingerprint = answer.fingerprints(m).stream()
                .filter(f -> f.hashFunction().equals(Fingerprint.SHA_256)).findFirst()
                .orElseThrow(() -> fail("it has no sha-256 a=fingerprint (RFC 5763 §5)"));
        Setup setup = answer.attribute(m, "setup").map(Setup::parse)
                .orElseThrow(() -> fail("it has no a=setup"));
        if (setup != Setup.ACTIVE) {
            throw fail("it says a=setup:" + setup.sdpName() + "; the router is the DTLS server, so the answer must be "
                    + "active");
        }
        return new SubscriberAnswer(answer, ice, fingerprint, media);
    }

    private static AnsweredMedia section(MediaDescription offered, MediaDescription answered, int index) {
        String offeredMid = offered.mid().orElse(Integer.toString(index));
        if (!answered.kind().equals(offered.kind()) || !answered.mid().orElse("").equals(offeredMid)) {
            throw fail("m-section #" + index + " is " + answered.kind() + " mid=" + answered.mid().orElse("(none)")
                    + " but the offer has " + offered.kind() + " mid=" + offeredMid);
        }
        MediaKind kind = MediaKind.of(offered.kind()).orElseThrow(() -> fail("the offer has an unknown m-section"));
        if (answered.isRejected()) {
            return new AnsweredMedia(offeredMid, kind, false, Direction.INACTIVE, List.of(), List.of());
        }
        String label = kind.sdpName() + " mid=" + offeredMid;
        Direction direction = answered.direction();
        if (direction.sends()) {
            // RFC 3264 §6.1: the answer to a sendonly stream is recvonly or inactive
            throw fail(label + " is " + direction.sdpName() + " but the router only sends on a subscription");
        }
        if (!answered.has("rtcp-mux")) {
            throw fail(label + " lacks a=rtcp-mux");
        }
        Set<String> offeredFormats = Set.copyOf(offered.formats());
        List<String> extra = answered.formats().stream().filter(f -> !offeredFormats.contains(f)).toList();
        if (!extra.isEmpty()) {
            throw fail(label + " answers payload types the router did not offer: " + String.join(" ", extra));
        }
        List<RtpCodec> codecs = answered.payloadTypes().stream()
                .flatMap(pt -> answered.rtpMap(pt).stream())
                .map(r -> new RtpCodec(r.payloadType(), r.encoding(), r.clockRate(), r.channels(),
                        answered.fmtp(r.payloadType()).map(Fmtp::parameters).orElse("")))
                .toList();
        if (codecs.isEmpty()) {
            throw fail(label + " accepts no codec the router described (formats " + answered.formats().stream()
                    .collect(Collectors.joining(" ")) + " have no a=rtpmap)");
        }
        return new AnsweredMedia(offeredMid, kind, true, direction, codecs, answered.rtcpFeedback());
    }

    private static SdpException fail(String why) {
        return new SdpException("subscriber answer refused: " + why);
    }
}
