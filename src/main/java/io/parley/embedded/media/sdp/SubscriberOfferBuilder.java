package io.parley.embedded.media.sdp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The router's offer for one subscription (one peer connection per subscription, router sending): mids "0", "1", ...
 * in track order, sendonly, all in one BUNDLE group, ICE-lite, and a=setup:actpass because RFC 5763 §5 makes every
 * offerer say actpass; the browser answers active and the router stays the DTLS server. The SSRCs are announced with
 * cname and msid (RFC 5576, RFC 8830) so the browser builds its MediaStream before the first packet arrives.
 */
public final class SubscriberOfferBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouterEndpoint endpoint;
    private final long sessionId;

    public SubscriberOfferBuilder(RouterEndpoint endpoint, long sessionId) {
        this.endpoint = endpoint;
        this.sessionId = sessionId;
    }

    public static SubscriberOfferBuilder withRandomSessionId(RouterEndpoint endpoint) {
        return new SubscriberOfferBuilder(endpoint, RANDOM.nextLong() & Long.MAX_VALUE);
    }

    public SessionDescription build(String streamId, String cname, List<OutgoingTrack> tracks) {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("a subscription offers at least one track");
        }
        requireToken("stream id", streamId);
        requireToken("cname", cname);
        requireConsistentExtensionIds(tracks);
        List<MediaDescription> sections = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            String mid = Integer.toString(i);
            mids.add(mid);
            sections.add(section(mid, streamId, cname, tracks.get(i)));
        }
        List<Attribute> session = List.of(Attribute.flag("ice-lite"),
                Attribute.of("group", "BUNDLE " + String.join(" ", mids)));
        return new SessionDescription(Origin.router(sessionId, 1), "-", List.of(new SdpLine('t', "0 0")), session,
                sections);
    }

    private MediaDescription section(String mid, String streamId, String cname, OutgoingTrack t) {
        List<Attribute> a = new ArrayList<>(TransportAttributes.of(endpoint, Setup.ACTPASS));
        a.add(Attribute.of("mid", mid));
        a.addAll(TransportAttributes.extMaps(t.absSendTimeId(), t.midExtensionId(), t.audioLevelId()));
        t.transportSequenceId().ifPresent(id -> a.add(new ExtMap(id, null, ExtMap.TRANSPORT_WIDE_CC).attribute()));
        a.add(Direction.SENDONLY.attribute());
        Msid msid = new Msid(streamId, t.trackId());
        a.add(Attribute.of("msid", msid.value()));
        a.add(Attribute.flag("rtcp-mux"));
        a.addAll(TransportAttributes.codec(t.codec(),
                FeedbackPolicy.feedbackFor(t.kind(), t.transportSequenceId().isPresent())));
        t.rtx().ifPresent(rtx -> a.addAll(TransportAttributes.codec(rtx, List.of())));
        if (t.rtxSsrc().isPresent()) {
            // FID (RFC 5576 §4.2, RFC 4588) lists the original SSRC first, then its retransmission SSRC
            a.add(new SsrcGroup(SsrcGroup.FID, List.of(t.ssrc(), t.rtxSsrc().getAsLong())).attribute());
        }
        ssrcLines(a, t.ssrc(), cname, msid);
        t.rtxSsrc().ifPresent(rtxSsrc -> ssrcLines(a, rtxSsrc, cname, msid));
        List<String> formats = new ArrayList<>();
        formats.add(Integer.toString(t.codec().payloadType()));
        t.rtx().ifPresent(rtx -> formats.add(Integer.toString(rtx.payloadType())));
        return new MediaDescription(t.kind().sdpName(), endpoint.port(), PublisherOffer.RTP_PROTOCOL, formats,
                List.of(TransportAttributes.connection(endpoint)), a);
    }

    private static void ssrcLines(List<Attribute> a, long ssrc, String cname, Msid msid) {
        a.add(new SsrcAttribute(ssrc, "cname", cname).attribute());
        a.add(new SsrcAttribute(ssrc, "msid", msid.value()).attribute());
    }

    /** Bundled m-sections share one RTP session, so one extension must have one id in all of them (RFC 8843, RFC 8285). */
    private static void requireConsistentExtensionIds(List<OutgoingTrack> tracks) {
        Map<String, Integer> ids = new HashMap<>();
        for (OutgoingTrack t : tracks) {
            check(ids, ExtMap.ABS_SEND_TIME, t.absSendTimeId());
            check(ids, ExtMap.SDES_MID, t.midExtensionId());
            check(ids, ExtMap.AUDIO_LEVEL, t.audioLevelId());
            check(ids, ExtMap.TRANSPORT_WIDE_CC, t.transportSequenceId());
        }
        Map<Integer, String> uris = new HashMap<>();
        ids.forEach((uri, id) -> {
            String other = uris.putIfAbsent(id, uri);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + uri + " cannot share extension id " + id);
            }
        });
    }

    private static void check(Map<String, Integer> ids, String uri, OptionalInt id) {
        if (id.isPresent()) {
            Integer before = ids.putIfAbsent(uri, id.getAsInt());
            if (before != null && before != id.getAsInt()) {
                throw new IllegalArgumentException(uri + " has ids " + before + " and " + id.getAsInt()
                        + " in one BUNDLE group");
            }
        }
    }

    private static void requireToken(String what, String value) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be a non-empty token of visible ASCII");
        }
    }
}
