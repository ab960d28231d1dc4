package io.parley.embedded.media.sdp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The router's answer to a publisher's offer (RFC 8829 §5.3): m-sections in the offer's order with the offer's mids
 * (RFC 3264 §6), each recvonly with only the chosen codec and its RTX, the router's transport, ICE-lite at session
 * level (RFC 8839) and DTLS passive, since the router is always the DTLS server (RFC 5763 §5). Sections the
 * router does not carry are rejected with port 0 and left out of the BUNDLE group (RFC 8843).
 */
public final class AnswerBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouterEndpoint endpoint;
    private final long sessionId;

    public AnswerBuilder(RouterEndpoint endpoint, long sessionId) {
        this.endpoint = endpoint;
        this.sessionId = sessionId;
    }

    /** JSEP (RFC 8829 §5.2.1) asks for a random session id of up to 63 bits. */
    public static AnswerBuilder withRandomSessionId(RouterEndpoint endpoint) {
        return new AnswerBuilder(endpoint, RANDOM.nextLong() & Long.MAX_VALUE);
    }

    public SessionDescription build(PublisherOffer offer) {
        List<MediaDescription> sections = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        List<MediaDescription> offered = offer.offer().media();
        for (int i = 0; i < offered.size(); i++) {
            int index = i;
            PublishedMedia published = offer.media().stream().filter(p -> p.index() == index).findFirst().orElse(null);
            if (published == null) {
                sections.add(rejected(offered.get(i)));
            } else {
                sections.add(accepted(published));
                bundle.add(published.mid());
            }
        }
        List<Attribute> session = new ArrayList<>();
        session.add(Attribute.flag("ice-lite"));
        session.add(Attribute.of("group", "BUNDLE " + String.join(" ", bundle)));
        return new SessionDescription(Origin.router(sessionId, 1), "-", List.of(new SdpLine('t', "0 0")), session,
                sections);
    }

    private MediaDescription accepted(PublishedMedia p) {
        List<Attribute> a = new ArrayList<>(TransportAttributes.of(endpoint, Setup.PASSIVE));
        a.add(Attribute.of("mid", p.mid()));
        // abs-send-time serves receive-side estimation only; with transport-wide feedback it would be 4 bytes per
        // packet that nobody reads
        a.addAll(TransportAttributes.extMaps(p.sendSideEstimation() ? OptionalInt.empty() : p.absSendTimeId(),
                p.midExtensionId(), p.audioLevelId()));
        p.transportCcId().ifPresent(id -> a.add(new ExtMap(id, null, ExtMap.TRANSPORT_WIDE_CC).attribute()));
        p.simulcast().ifPresent(simulcast -> {
            a.add(new ExtMap(simulcast.ridExtensionId(), null, ExtMap.RTP_STREAM_ID).attribute());
            simulcast.repairedRidExtensionId().ifPresent(id ->
                    a.add(new ExtMap(id, null, ExtMap.REPAIRED_RTP_STREAM_ID).attribute()));
        });
        a.add(Direction.RECVONLY.attribute());
        p.simulcast().ifPresent(simulcast -> {
            // RFC 8853 §5.3: the answerer receives the offered encodings, each by its rid
            simulcast.rids().forEach(rid -> a.add(Attribute.of("rid", rid + " recv")));
            a.add(Attribute.of("simulcast", "recv " + String.join(";", simulcast.rids())));
        });
        a.add(Attribute.flag("rtcp-mux"));
        a.addAll(TransportAttributes.codec(p.codec(), p.feedback()));
        // RTX answered (RFC 4588): the publisher resends a NACKed packet on its own stream, which the router unwraps,
        // and its bandwidth probes (RTX padding) stay apart from the media
        p.rtx().ifPresent(rtx -> a.addAll(TransportAttributes.codec(rtx, List.of())));
        List<String> formats = new ArrayList<>();
        formats.add(Integer.toString(p.codec().payloadType()));
        p.rtx().ifPresent(rtx -> formats.add(Integer.toString(rtx.payloadType())));
        return new MediaDescription(p.kind().sdpName(), endpoint.port(), PublisherOffer.RTP_PROTOCOL, formats,
                List.of(TransportAttributes.connection(endpoint)), a);
    }

    /** RFC 3264 §6: same media and protocol, port 0, and at least one of the offered formats; a=mid kept (RFC 8843). */
    private static MediaDescription rejected(MediaDescription offered) {
        List<Attribute> a = new ArrayList<>();
        offered.mid().ifPresent(mid -> a.add(Attribute.of("mid", mid)));
        return new MediaDescription(offered.kind(), 0, offered.protocol(), offered.formats().subList(0, 1),
                List.of(new SdpLine('c', "IN IP4 0.0.0.0")), a);
    }
}
