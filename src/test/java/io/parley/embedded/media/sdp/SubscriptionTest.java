package io.parley.embedded.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.parley.embedded.media.sdp.AnswerBuilderTest.ROUTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionTest {

    private static SessionDescription routerOffer() {
        PublisherOffer published = PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER);
        List<OutgoingTrack> tracks = List.of(
                track(published.media().get(0), 11111111L, OptionalLong.empty(), "audio-s1"),
                track(published.media().get(1), 22222222L, OptionalLong.of(33333333L), "video-s1"));
        return new SubscriberOfferBuilder(ROUTER, 99).build("stream-1", "parleyrouter", tracks);
    }

    /** A track that forwards what the publisher negotiated, its RTX and header extension ids included. */
    private static OutgoingTrack track(PublishedMedia published, long ssrc, OptionalLong rtxSsrc, String trackId) {
        return new OutgoingTrack(published.kind(), published.codec(),
                rtxSsrc.isPresent() ? published.rtx() : Optional.empty(), ssrc, rtxSsrc, trackId,
                published.absSendTimeId(), published.midExtensionId(), published.audioLevelId());
    }

    @Test
    void offersPublisherCodecsSendonlyWithRouterSsrcs() {
        SessionDescription offer = routerOffer();

        assertThat(offer.isIceLite()).isTrue();
        assertThat(offer.bundleMids()).containsExactly("0", "1");
        MediaDescription audio = offer.media().get(0);
        assertThat(audio.formats()).containsExactly("111");
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(audio.setup()).contains(Setup.ACTPASS);
        assertThat(audio.attributes("ssrc")).containsExactly("11111111 cname:parleyrouter",
                "11111111 msid:stream-1 audio-s1");
        assertThat(audio.fmtp(111).orElseThrow().parameters()).isEqualTo("minptime=10;useinbandfec=1");
        assertThat(audio.rtcpFeedback()).isEmpty();

        MediaDescription video = offer.media().get(1);
        String text = offer.write();
        assertThat(video.formats()).containsExactly("96", "97");
        assertThat(video.mid()).contains("1");
        assertThat(video.msid()).contains(new Msid("stream-1", "video-s1"));
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "nack", "nack pli", "ccm fir");
        assertThat(video.fmtp(97).orElseThrow().parameters()).isEqualTo("apt=96");
        assertThat(video.extMapId(ExtMap.ABS_SEND_TIME)).hasValue(2);
        assertThat(video.extMapId(ExtMap.SDES_MID)).hasValue(4);
        assertThat(text).contains("a=ssrc-group:FID 22222222 33333333\r\n"
                + "a=ssrc:22222222 cname:parleyrouter\r\n"
                + "a=ssrc:22222222 msid:stream-1 video-s1\r\n"
                + "a=ssrc:33333333 cname:parleyrouter\r\n"
                + "a=ssrc:33333333 msid:stream-1 video-s1\r\n");
        assertThat(text).contains("a=candidate:1 1 udp 2130706431 203.0.113.7 40000 typ host")
                .contains("a=rtcp-mux").doesNotContain("transport-cc").doesNotContain("recvonly");
        assertThat(SessionDescription.parse(text)).isEqualTo(offer);
    }

    /**
     * Where the router numbers its packets for the subscriber, both sections declare transport-wide-cc under one id
     * and ask for transport-cc feedback, in place of goog-remb on the video.
     */
    @Test
    void offersTransportWideFeedbackWhereTheRouterNumbersItsPackets() {
        java.util.OptionalInt id = java.util.OptionalInt.of(2);
        List<OutgoingTrack> tracks = List.of(
                new OutgoingTrack(MediaKind.AUDIO, RtpCodec.opus(111), Optional.empty(), 1, OptionalLong.empty(),
                        "audio", java.util.OptionalInt.empty(), java.util.OptionalInt.empty(),
                        java.util.OptionalInt.of(1), id),
                new OutgoingTrack(MediaKind.VIDEO, RtpCodec.vp8(96), Optional.of(RtpCodec.rtx(97, 96)), 2,
                        OptionalLong.of(3), "video", java.util.OptionalInt.empty(), java.util.OptionalInt.empty(),
                        java.util.OptionalInt.empty(), id));
        SessionDescription offer = new SubscriberOfferBuilder(ROUTER, 99).build("stream-1", "parleyrouter", tracks);

        MediaDescription audio = offer.media().get(0);
        MediaDescription video = offer.media().get(1);
        assertThat(audio.extMapId(ExtMap.TRANSPORT_WIDE_CC)).hasValue(2);
        assertThat(video.extMapId(ExtMap.TRANSPORT_WIDE_CC)).hasValue(2);
        assertThat(audio.rtcpFeedback(111)).containsExactly("transport-cc");
        assertThat(video.rtcpFeedback(96)).containsExactly("transport-cc", "nack", "nack pli", "ccm fir");
        assertThat(SessionDescription.parse(offer.write())).isEqualTo(offer);
    }

    @Test
    void parsesChromeAnswer() {
        SubscriberAnswer answer = SubscriberAnswer.parse(ChromeSdp.SUBSCRIBER_ANSWER, routerOffer());

        assertThat(answer.remoteIce().ufrag()).isEqualTo("Qm7v");
        assertThat(answer.remoteIce().password()).isEqualTo("e3Rk9Lw2Zp8Xc5Vb1Nt6Ys4D");
        assertThat(answer.fingerprint().hex()).startsWith("1F:3A:9C");
        assertThat(answer.media()).hasSize(2);
        AnsweredMedia audio = answer.media().get(0);
        assertThat(audio.accepted()).isTrue();
        assertThat(audio.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(audio.codecs()).containsExactly(RtpCodec.opus(111));
        AnsweredMedia video = answer.media().get(1);
        assertThat(video.codecs()).containsExactly(RtpCodec.vp8(96), RtpCodec.rtx(97, 96));
        assertThat(video.feedback()).extracting(RtcpFeedback::type)
                .containsExactly("goog-remb", "ccm fir", "nack", "nack pli");
    }

    @Test
    void answerMustBeDtlsActive() {
        String passive = ChromeSdp.SUBSCRIBER_ANSWER.replace("a=setup:active", "a=setup:passive");

        assertThatThrownBy(() -> SubscriberAnswer.parse(passive, routerOffer()))
                .isInstanceOf(SdpException.class).hasMessageContaining("must be active");
    }

    @Test
    void answerMayRejectOneSectionButNotAddPayloadTypes() {
        String noVideo = ChromeSdp.SUBSCRIBER_ANSWER.replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97",
                "m=video 0 UDP/TLS/RTP/SAVPF 96");
        SubscriberAnswer answer = SubscriberAnswer.parse(noVideo, routerOffer());
        assertThat(answer.media().get(1).accepted()).isFalse();

        String extra = ChromeSdp.SUBSCRIBER_ANSWER.replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98");
        assertThatThrownBy(() -> SubscriberAnswer.parse(extra, routerOffer()))
                .hasMessageContaining("did not offer: 98");

        String sending = ChromeSdp.SUBSCRIBER_ANSWER.replaceFirst("a=recvonly", "a=sendrecv");
        assertThatThrownBy(() -> SubscriberAnswer.parse(sending, routerOffer()))
                .hasMessageContaining("audio mid=0 is sendrecv");
    }

    @Test
    void inconsistentExtensionIdsAcrossTheBundleAreRefused() {
        RtpCodec vp8 = RtpCodec.vp8(96);
        OutgoingTrack a = new OutgoingTrack(MediaKind.VIDEO, vp8, java.util.Optional.empty(), 1, OptionalLong.empty(),
                "a", java.util.OptionalInt.of(2), java.util.OptionalInt.of(4), java.util.OptionalInt.empty());
        OutgoingTrack b = new OutgoingTrack(MediaKind.VIDEO, vp8, java.util.Optional.empty(), 2, OptionalLong.empty(),
                "b", java.util.OptionalInt.of(3), java.util.OptionalInt.of(4), java.util.OptionalInt.empty());

        assertThatThrownBy(() -> new SubscriberOfferBuilder(ROUTER, 1).build("s", "c", List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abs-send-time");
    }

    @Test
    void twoExtensionsCannotShareAnId() {
        OutgoingTrack audio = new OutgoingTrack(MediaKind.AUDIO, RtpCodec.opus(111), java.util.Optional.empty(), 1,
                OptionalLong.empty(), "audio", java.util.OptionalInt.empty(), java.util.OptionalInt.empty(),
                java.util.OptionalInt.of(4));
        OutgoingTrack video = new OutgoingTrack(MediaKind.VIDEO, RtpCodec.vp8(96), java.util.Optional.empty(), 2,
                OptionalLong.empty(), "video", java.util.OptionalInt.empty(), java.util.OptionalInt.of(4),
                java.util.OptionalInt.empty());

        assertThatThrownBy(() -> new SubscriberOfferBuilder(ROUTER, 1).build("s", "c", List.of(audio, video)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot share extension id 4");
    }

    @Test
    void theAudioLevelExtensionIsOfferedOnTheAudioSectionUnderThePublishersId() {
        OutgoingTrack audio = new OutgoingTrack(MediaKind.AUDIO, RtpCodec.opus(111), java.util.Optional.empty(), 1,
                OptionalLong.empty(), "audio", java.util.OptionalInt.empty(), java.util.OptionalInt.empty(),
                java.util.OptionalInt.of(1));
        OutgoingTrack video = new OutgoingTrack(MediaKind.VIDEO, RtpCodec.vp8(96), java.util.Optional.empty(), 2,
                OptionalLong.empty(), "video", java.util.OptionalInt.empty(), java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty());
        String offer = new SubscriberOfferBuilder(ROUTER, 1).build("s", "c", List.of(audio, video)).write();
        String audioSection = offer.substring(offer.indexOf("m=audio"), offer.indexOf("m=video"));
        assertThat(audioSection).contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertThat(offer.substring(offer.indexOf("m=video"))).doesNotContain("ssrc-audio-level");
    }
}
