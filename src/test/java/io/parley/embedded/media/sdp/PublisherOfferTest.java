package io.parley.embedded.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherOfferTest {

    private static PublisherOffer chrome() {
        return PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER);
    }

    @Test
    void extractsTransportFromChromeOffer() {
        PublisherOffer offer = chrome();

        assertThat(offer.remoteIce().ufrag()).isEqualTo("Jx3q");
        assertThat(offer.remoteIce().password()).isEqualTo("pZ4lQ8p1nV6t2mK9sR0wYb7c");
        assertThat(offer.fingerprint().hashFunction()).isEqualTo("sha-256");
        assertThat(offer.fingerprint().hex()).startsWith("6B:8B:F0:65");
        assertThat(offer.setup()).isEqualTo(Setup.ACTPASS);
        assertThat(offer.rejected()).isEmpty();
    }

    @Test
    void choosesOpusAndVp8WithItsRtxAndSsrcs() {
        PublisherOffer offer = chrome();

        PublishedMedia audio = offer.media().get(0);
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.codec()).isEqualTo(new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1"));
        assertThat(audio.rtx()).isEmpty();
        assertThat(audio.ssrc()).hasValue(2845372071L);
        assertThat(audio.feedback()).containsExactly("transport-cc");
        assertThat(audio.transportCcId()).hasValue(3);
        assertThat(audio.absSendTimeId()).hasValue(2);
        assertThat(audio.midExtensionId()).hasValue(4);

        PublishedMedia video = offer.media().get(1);
        assertThat(video.mid()).isEqualTo("1");
        assertThat(video.codec()).isEqualTo(RtpCodec.vp8(96));
        assertThat(video.rtx()).contains(RtpCodec.rtx(97, 96));
        assertThat(video.ssrc()).hasValue(1873409120L);
        assertThat(video.rtxSsrc()).hasValue(3016572519L);
        assertThat(video.cname()).contains("u9rdEXhaGCSf0Fc3");
        assertThat(video.msid().orElseThrow().trackId()).isEqualTo("c7e0d2b1-5f3a-4e8c-9b6d-2a7f1e3c5d90");
        assertThat(video.feedback()).containsExactly("transport-cc", "nack", "nack pli", "ccm fir");
        assertThat(video.transportCcId()).hasValue(3);
        assertThat(video.absSendTimeId()).hasValue(2);
        assertThat(video.midExtensionId()).hasValue(4);
    }

    @Test
    void offerWithoutVp8IsRefusedClearly() {
        String noVp8 = withoutVp8(ChromeSdp.PUBLISHER_OFFER);

        assertThatThrownBy(() -> PublisherOffer.parse(noVp8))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining("video m-section mid=1 offers no usable codec")
                .hasMessageContaining("VP9").hasMessageContaining("the router accepts VP8");
    }

    @Test
    void offerWithoutOpusIsRefused() {
        String noOpus = ChromeSdp.PUBLISHER_OFFER.replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "m=audio 9 UDP/TLS/RTP/SAVPF 9 0 8");

        assertThatThrownBy(() -> PublisherOffer.parse(noOpus))
                .hasMessageContaining("audio m-section mid=0 offers no usable codec (offered: G722, PCMU, PCMA)");
    }

    @Test
    void refusesMissingRtcpMuxFingerprintOrCredentials() {
        assertThatThrownBy(() -> PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER.replace("a=rtcp-mux\r\n", ""))).hasMessageContaining("lacks a=rtcp-mux");
        assertThatThrownBy(() -> PublisherOffer.parse(drop(ChromeSdp.PUBLISHER_OFFER, "a=fingerprint:"))).hasMessageContaining("no a=fingerprint");
        assertThatThrownBy(() -> PublisherOffer.parse(drop(ChromeSdp.PUBLISHER_OFFER, "a=ice-pwd:"))).hasMessageContaining("no a=ice-pwd");
        assertThatThrownBy(() -> PublisherOffer.parse(
                ChromeSdp.PUBLISHER_OFFER.replace("a=setup:actpass", "a=setup:passive")))
                .hasMessageContaining("always the DTLS server");
        assertThatThrownBy(() -> PublisherOffer.parse(
                ChromeSdp.PUBLISHER_OFFER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0")))
                .hasMessageContaining("mid 1 is not in a=group:BUNDLE");
        assertThatThrownBy(() -> PublisherOffer.parse(
                ChromeSdp.PUBLISHER_OFFER.replace("a=sendonly", "a=recvonly")))
                .hasMessageContaining("must send");
    }

    @Test
    void dataChannelSectionIsRejectedNotFatal() {
        String withData = ChromeSdp.PUBLISHER_OFFER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
                + String.join("\r\n",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=mid:2",
                "a=sctp-port:5000",
                "a=max-message-size:262144",
                "");

        PublisherOffer offer = PublisherOffer.parse(withData);

        assertThat(offer.media()).hasSize(2);
        assertThat(offer.rejected()).singleElement()
                .satisfies(r -> assertThat(r.index()).isEqualTo(2));
    }

    static String withoutVp8(String sdp) {
        return String.join("\r\n", sdp.lines()
                .filter(l -> !l.matches("a=(rtpmap|rtcp-fb|fmtp):(96|97) .*"))
                .map(l -> l.startsWith("m=video") ? l.replace(" 96 97", "") : l)
                .toList()) + "\r\n";
    }

    static String drop(String sdp, String prefix) {
        List<String> kept = sdp.lines().filter(l -> !l.startsWith(prefix)).toList();
        return String.join("\r\n", kept) + "\r\n";
    }
}
