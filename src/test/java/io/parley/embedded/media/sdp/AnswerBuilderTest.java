package io.parley.embedded.media.sdp;

import io.parley.embedded.media.ice.IceCredentials;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerBuilderTest {

    static final IceCredentials ROUTER_ICE = new IceCredentials("rTr8ufrg", "RouterPassword0123456789");
    static final Fingerprint ROUTER_FP = Fingerprint.sha256(new byte[]{
            0x0A, 0x1B, 0x2C, 0x3D, 0x4E, 0x5F, 0x60, 0x71, (byte) 0x82, (byte) 0x93, (byte) 0xA4, (byte) 0xB5,
            (byte) 0xC6, (byte) 0xD7, (byte) 0xE8, (byte) 0xF9, 0x0A, 0x1B, 0x2C, 0x3D, 0x4E, 0x5F, 0x60, 0x71,
            (byte) 0x82, (byte) 0x93, (byte) 0xA4, (byte) 0xB5, (byte) 0xC6, (byte) 0xD7, (byte) 0xE8, (byte) 0xF9});
    static final RouterEndpoint ROUTER = new RouterEndpoint(ROUTER_ICE, ROUTER_FP, List.of("203.0.113.7", "10.0.0.5"),
            40000);

    private static String answer(String offer) {
        return new AnswerBuilder(ROUTER, 42).build(PublisherOffer.parse(offer)).write();
    }

    @Test
    void answersChromeOfferLineByLine() {
        String answer = answer(ChromeSdp.PUBLISHER_OFFER);
        String fp = "a=fingerprint:sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:"
                + "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";
        List<String> transport = List.of(
                "c=IN IP4 203.0.113.7",
                "a=candidate:1 1 udp 2130706431 203.0.113.7 40000 typ host",
                "a=candidate:2 1 udp 2130706175 10.0.0.5 40000 typ host",
                "a=end-of-candidates",
                "a=ice-ufrag:rTr8ufrg",
                "a=ice-pwd:RouterPassword0123456789",
                fp,
                "a=setup:passive");

        List<String> expected = new java.util.ArrayList<>(List.of(
                "v=0",
                "o=- 42 1 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=ice-lite",
                "a=group:BUNDLE 0 1",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111"));
        expected.addAll(transport);
        expected.addAll(List.of(
                "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "m=video 40000 UDP/TLS/RTP/SAVPF 96 97"));
        expected.addAll(transport);
        expected.addAll(List.of(
                "a=mid:1",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 transport-cc",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=rtcp-fb:96 ccm fir",
                "a=rtpmap:97 rtx/90000",
                "a=fmtp:97 apt=96"));

        assertThat(answer).isEqualTo(String.join("\r\n", expected) + "\r\n");
    }

    @Test
    void theAudioLevelExtensionIsKeptOnAudioOnly() {
        String answer = answer(ChromeSdp.PUBLISHER_OFFER);
        assertThat(answer.split("ssrc-audio-level", -1)).hasSize(2);
        assertThat(answer.substring(answer.indexOf("m=video"))).doesNotContain("ssrc-audio-level");
    }

    /** A publisher without transport-wide feedback is told its bitrate: REMB, and the extension its estimate reads. */
    @Test
    void anOfferWithoutTransportCcIsAnsweredRemb() {
        String offer = ChromeSdp.PUBLISHER_OFFER.lines().filter(l -> !l.contains("transport-cc"))
                .collect(java.util.stream.Collectors.joining("\r\n", "", "\r\n"));

        String answer = answer(offer);

        assertThat(answer).doesNotContain("transport-wide-cc").contains("a=rtcp-fb:96 goog-remb")
                .contains("a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        assertThat(PublisherOffer.parse(offer).media()).noneMatch(PublishedMedia::sendSideEstimation);
    }

    @Test
    void answerDropsRembAndOtherExtensionsAndCodecs() {
        String answer = answer(ChromeSdp.PUBLISHER_OFFER);

        assertThat(answer).doesNotContain("goog-remb").doesNotContain("abs-send-time")
                .doesNotContain("VP9").doesNotContain("H264").doesNotContain("AV1").doesNotContain("red/")
                .doesNotContain("ulpfec").doesNotContain("toffset")
                .doesNotContain("a=ssrc").doesNotContain("sendonly").doesNotContain("actpass");
    }

    @Test
    void announcedAddressesAreHostCandidates() {
        SessionDescription answer = SessionDescription.parse(answer(ChromeSdp.PUBLISHER_OFFER));

        for (MediaDescription m : answer.media()) {
            assertThat(m.attributes("candidate")).containsExactly(
                    "1 1 udp 2130706431 203.0.113.7 40000 typ host",
                    "2 1 udp 2130706175 10.0.0.5 40000 typ host");
            assertThat(m.port()).isEqualTo(40000);
        }
    }

    /** RFC 6544: one passive TCP candidate per address, on the TCP port, below every UDP candidate. */
    @Test
    void aTcpPortAddsPassiveTcpCandidatesAfterTheUdpOnes() {
        RouterEndpoint withTcp = new RouterEndpoint(ROUTER_ICE, ROUTER_FP, List.of("203.0.113.7", "10.0.0.5"), 40000,
                40001);

        SessionDescription answer = new AnswerBuilder(withTcp, 1).build(PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER));

        List<String> candidates = answer.media().get(0).attributes("candidate");
        assertThat(candidates).containsExactly(
                "1 1 udp 2130706431 203.0.113.7 40000 typ host",
                "2 1 udp 2130706175 10.0.0.5 40000 typ host",
                "3 1 tcp 2120220671 203.0.113.7 40001 typ host tcptype passive",
                "4 1 tcp 2120220415 10.0.0.5 40001 typ host tcptype passive");
        long lowestUdp = Long.parseLong(candidates.get(1).split(" ")[3]);
        assertThat(Long.parseLong(candidates.get(2).split(" ")[3])).isLessThan(lowestUdp);
    }

    @Test
    void ipv6FirstAddressGivesIp6Connection() {
        RouterEndpoint v6 = new RouterEndpoint(ROUTER_ICE, ROUTER_FP, List.of("2001:db8::7"), 40000);

        SessionDescription answer = new AnswerBuilder(v6, 1)
                .build(PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER));

        assertThat(answer.media().get(0).connection()).contains("IN IP6 2001:db8::7");
        assertThat(answer.media().get(0).attributes("candidate"))
                .containsExactly("1 1 udp 2130706431 2001:db8::7 40000 typ host");
    }

    @Test
    void dataChannelSectionGetsPortZeroAndLeavesBundle() {
        String withData = ChromeSdp.PUBLISHER_OFFER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n"
                + "a=sctp-port:5000\r\n";

        SessionDescription answer = SessionDescription.parse(answer(withData));

        MediaDescription data = answer.media().get(2);
        assertThat(data.port()).isZero();
        assertThat(data.kind()).isEqualTo("application");
        assertThat(data.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.mid()).contains("2");
        assertThat(answer.bundleMids()).containsExactly("0", "1");
    }

    @Test
    void answerParsesBackAndRoundTrips() {
        SessionDescription answer = new AnswerBuilder(ROUTER, 7)
                .build(PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER));

        assertThat(SessionDescription.parse(answer.write())).isEqualTo(answer);
        assertThat(answer.isIceLite()).isTrue();
    }
}
