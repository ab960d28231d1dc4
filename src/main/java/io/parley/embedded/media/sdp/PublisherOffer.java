package io.parley.embedded.media.sdp;

import io.parley.embedded.media.ice.IceCredentials;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the router needs from a publisher's offer (one peer connection per published stream, browser sending): the
 * remote ICE credentials, the DTLS fingerprint and setup role, and per accepted m-section the chosen codec, SSRCs and
 * header extension ids. Everything the router cannot honour is refused here with a message for the client, before any
 * transport state exists.
 */
public record PublisherOffer(SessionDescription offer, IceCredentials remoteIce, Fingerprint fingerprint, Setup setup,
                             List<PublishedMedia> media, List<RejectedMedia> rejected) {

    /** The only RTP profile WebRTC uses: DTLS-SRTP (RFC 5764) with RTCP feedback (RFC 5124), over UDP. */
    static final String RTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";

    public PublisherOffer {
        media = List.copyOf(media);
        rejected = List.copyOf(rejected);
    }

    public static PublisherOffer parse(String sdp) {
        return parse(sdp, true);
    }

    /** With {@code transportCc} false, transport-cc is refused and the publisher is told its bitrate (REMB). */
    public static PublisherOffer parse(String sdp, boolean transportCc) {
        return from(SessionDescription.parse(sdp), transportCc);
    }

    public static PublisherOffer from(SessionDescription offer) {
        return from(offer, true);
    }

    private static PublisherOffer from(SessionDescription offer, boolean transportCc) {
        List<PublishedMedia> accepted = new ArrayList<>();
        List<RejectedMedia> rejected = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            Optional<MediaKind> kind = MediaKind.of(m.kind());
            if (kind.isEmpty()) {
                rejected.add(new RejectedMedia(i, m.kind(), "the router carries audio and video only"));
            } else if (m.isRejected()) {
                rejected.add(new RejectedMedia(i, m.kind(), "the offer has port 0 (stopped transceiver)"));
            } else {
                accepted.add(accept(offer, m, i, kind.get(), transportCc));
            }
        }
        if (accepted.isEmpty()) {
            throw fail("it has no audio or video m-section the router can receive");
        }
        requireBundle(offer, accepted);
        MediaDescription first = offer.media().get(accepted.get(0).index());
        return new PublisherOffer(offer, iceCredentials(offer, first), sha256(offer, first), setup(offer, first),
                accepted, rejected);
    }

    private static PublishedMedia accept(SessionDescription offer, MediaDescription m, int index, MediaKind kind,
                                         boolean transportCc) {
        String where = kind.sdpName() + " m-section #" + index;
        String mid = m.mid().orElseThrow(() -> fail(where + " has no a=mid (RFC 8843 needs one for BUNDLE)"));
        String label = kind.sdpName() + " m-section mid=" + mid;
        if (!m.protocol().equals(RTP_PROTOCOL)) {
            throw fail(label + " uses " + m.protocol() + "; the router needs " + RTP_PROTOCOL + " (DTLS-SRTP, RFC 5764)");
        }
        if (!m.direction().sends()) {
            throw fail(label + " is " + m.direction().sdpName() + "; a publisher's m-sections must send");
        }
        if (!m.has("rtcp-mux")) {
            // the router has one UDP port, so RTCP must share it; browsers default to rtcpMuxPolicy 'require' (RFC 8829)
            throw fail(label + " lacks a=rtcp-mux; the router needs RTP and RTCP multiplexed (RFC 5761)");
        }
        RtpCodec codec = (kind == MediaKind.AUDIO ? CodecSelection.audio(m) : CodecSelection.video(m))
                .orElseThrow(() -> fail(label + " offers no usable codec (offered: " + CodecSelection.describe(m)
                        + "); the router accepts " + (kind == MediaKind.AUDIO ? "opus/48000/2" : "VP8")));
        Optional<RtpCodec> rtx = kind == MediaKind.VIDEO ? CodecSelection.rtxFor(m, codec) : Optional.empty();
        Ssrcs ssrcs = Ssrcs.of(m);
        List<String> offeredFeedback = m.rtcpFeedback(codec.payloadType());
        OptionalInt transportCcId = transportCc && offeredFeedback.contains(FeedbackPolicy.TRANSPORT_CC)
                ? m.extMapId(ExtMap.TRANSPORT_WIDE_CC) : OptionalInt.empty();
        return new PublishedMedia(index, mid, kind, codec, rtx, ssrcs.media, rtx.isPresent() ? ssrcs.rtx : OptionalLong.empty(),
                ssrcs.cname, m.msid(), FeedbackPolicy.acceptedFromPublisher(kind, offeredFeedback,
                        transportCcId.isPresent()),
                m.extMapId(ExtMap.ABS_SEND_TIME), m.extMapId(ExtMap.SDES_MID),
                kind == MediaKind.AUDIO ? m.extMapId(ExtMap.AUDIO_LEVEL) : OptionalInt.empty(),
                kind == MediaKind.VIDEO ? Simulcast.of(m, label) : Optional.empty(), transportCcId);
    }


    /** One transport per peer connection: with more than one m-section they must all be in one BUNDLE group. */
    private static void requireBundle(SessionDescription offer, List<PublishedMedia> accepted) {
        if (accepted.size() < 2) {
            return;
        }
        Set<String> bundle = new HashSet<>(offer.bundleMids());
        for (PublishedMedia p : accepted) {
            if (!bundle.contains(p.mid())) {
                throw fail("mid " + p.mid() + " is not in a=group:BUNDLE; the router needs every m-section on one "
                        + "transport (RFC 8843, bundlePolicy max-bundle)");
            }
        }
    }

    private static IceCredentials iceCredentials(SessionDescription offer, MediaDescription m) {
        String ufrag = offer.attribute(m, "ice-ufrag").orElseThrow(() -> fail("it has no a=ice-ufrag"));
        String pwd = offer.attribute(m, "ice-pwd").orElseThrow(() -> fail("it has no a=ice-pwd"));
        try {
            return new IceCredentials(ufrag, pwd);
        } catch (IllegalArgumentException e) {
            // RFC 8839 §5.4: ufrag 4 to 256 ice-chars, password 22 to 256
            throw fail("its ICE credentials are too short: " + e.getMessage());
        }
    }

    private static Fingerprint sha256(SessionDescription offer, MediaDescription m) {
        List<Fingerprint> all = offer.fingerprints(m);
        if (all.isEmpty()) {
            throw fail("it has no a=fingerprint; DTLS-SRTP cannot be authenticated without one (RFC 5763 §5)");
        }
        return all.stream().filter(f -> f.hashFunction().equals(Fingerprint.SHA_256)).findFirst()
                .orElseThrow(() -> fail("it has no sha-256 a=fingerprint (only " + all.get(0).hashFunction() + ")"));
    }

    /** The router is always the DTLS server; an offerer must say actpass (RFC 5763 §5), and active leaves us passive. */
    private static Setup setup(SessionDescription offer, MediaDescription m) {
        Setup setup = offer.attribute(m, "setup").map(Setup::parse)
                .orElseThrow(() -> fail("it has no a=setup (RFC 5763 §5 requires actpass in an offer)"));
        if (setup != Setup.ACTPASS && setup != Setup.ACTIVE) {
            throw fail("it says a=setup:" + setup.sdpName() + "; the router is always the DTLS server, so it needs "
                    + "actpass or active");
        }
        return setup;
    }

    private static SdpException fail(String why) {
        return new SdpException("publisher offer refused: " + why);
    }

    /** SSRCs Chrome announces: with RTX an FID group (media, rtx), else the first a=ssrc. */
    private record Ssrcs(OptionalLong media, OptionalLong rtx, Optional<String> cname) {
        static Ssrcs of(MediaDescription m) {
            List<SsrcAttribute> attributes = m.ssrcs();
            OptionalLong media = OptionalLong.empty();
            OptionalLong rtx = OptionalLong.empty();
            Optional<SsrcGroup> fid = m.ssrcGroups().stream()
                    .filter(g -> g.semantics().equals(SsrcGroup.FID) && g.ssrcs().size() == 2).findFirst();
            if (fid.isPresent()) {
                media = OptionalLong.of(fid.get().ssrcs().get(0));
                rtx = OptionalLong.of(fid.get().ssrcs().get(1));
            } else if (!attributes.isEmpty()) {
                media = OptionalLong.of(attributes.get(0).ssrc());
            }
            long primary = media.orElse(-1);
            Optional<String> cname = attributes.stream()
                    .filter(a -> a.ssrc() == primary && a.name().equals("cname") && a.value() != null)
                    .map(SsrcAttribute::value).findFirst();
            return new Ssrcs(media, rtx, cname);
        }
    }
}
