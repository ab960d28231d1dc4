package io.parley.embedded.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpParserTest {

    @Test
    void parsesChromeOfferModelAndHelpers() {
        SessionDescription sd = SessionDescription.parse(ChromeSdp.PUBLISHER_OFFER);

        assertThat(sd.origin().sessionId()).isEqualTo("4611731400430051336");
        assertThat(sd.bundleMids()).containsExactly("0", "1");
        assertThat(sd.media()).hasSize(2);

        MediaDescription audio = sd.media().get(0);
        assertThat(audio.kind()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(9);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(audio.has("rtcp-mux")).isTrue();
        assertThat(audio.rtpMap(111)).contains(new RtpMap(111, "opus", 48000, 2));
        assertThat(audio.fmtp(111).orElseThrow().map()).containsEntry("useinbandfec", "1");
        assertThat(audio.iceUfrag()).contains("Jx3q");
        assertThat(audio.setup()).contains(Setup.ACTPASS);
        assertThat(audio.fingerprints()).singleElement()
                .satisfies(f -> assertThat(f.digest()).hasSize(32));
        assertThat(audio.connection()).contains("IN IP4 0.0.0.0");

        MediaDescription video = sd.media().get(1);
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.extMapId(ExtMap.ABS_SEND_TIME)).hasValue(2);
        assertThat(video.extMapId(ExtMap.SDES_MID)).hasValue(4);
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(1873409120L, 3016572519L)));
        assertThat(video.ssrcs()).contains(new SsrcAttribute(1873409120L, "cname", "u9rdEXhaGCSf0Fc3"));
        assertThat(video.msid()).contains(new Msid("9a1f6f3e-2c4b-4f0e-9d7c-54b1e7a0c2d1",
                "c7e0d2b1-5f3a-4e8c-9b6d-2a7f1e3c5d90"));
    }

    @Test
    void roundTripsThroughWrite() {
        SessionDescription sd = SessionDescription.parse(ChromeSdp.PUBLISHER_OFFER);

        assertThat(SessionDescription.parse(sd.write())).isEqualTo(sd);
        // Chrome's SDP is already in canonical order, so the text survives byte for byte too
        assertThat(sd.write()).isEqualTo(ChromeSdp.PUBLISHER_OFFER);
        SessionDescription answer = SessionDescription.parse(ChromeSdp.SUBSCRIBER_ANSWER);
        assertThat(SessionDescription.parse(answer.write())).isEqualTo(answer);
    }

    @Test
    void acceptsBareLineFeedsAndTrailingBlankLines() {
        String lf = ChromeSdp.PUBLISHER_OFFER.replace("\r\n", "\n") + "\n\n";

        assertThat(SessionDescription.parse(lf)).isEqualTo(SessionDescription.parse(ChromeSdp.PUBLISHER_OFFER));
    }

    @Test
    void rejectsGarbageWithItsLineNumber() {
        assertThatThrownBy(() -> SessionDescription.parse("hello world"))
                .isInstanceOf(SdpException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nhello\r\n"))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.line()).isEqualTo(5))
                .hasMessageContaining("SDP line 5").hasMessageContaining("hello");
        assertThatThrownBy(() -> SessionDescription.parse("x=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"))
                .hasMessageContaining("SDP line 1");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2\r\ns=-\r\nt=0 0\r\n"))
                .hasMessageContaining("SDP line 2").hasMessageContaining("o=");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\ny=1\r\n"))
                .hasMessageContaining("SDP line 5").hasMessageContaining("unknown line type");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"))
                .hasMessageContaining("t=");
        assertThatThrownBy(() -> SessionDescription.parse("\u0000\u0001binary"))
                .isInstanceOf(SdpException.class);
    }

    @Test
    void rejectsMalformedKnownAttributesWithTheirLine() {
        String bad = ChromeSdp.PUBLISHER_OFFER.replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8");
        int line = lineOf(bad, "a=rtpmap:96 VP8");

        assertThatThrownBy(() -> SessionDescription.parse(bad))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageContaining("a=rtpmap");

        String badPt = ChromeSdp.PUBLISHER_OFFER.replace("a=fmtp:97 apt=96", "a=fmtp:300 apt=96");
        assertThatThrownBy(() -> SessionDescription.parse(badPt))
                .hasMessageContaining("SDP line " + lineOf(badPt, "a=fmtp:300")).hasMessageContaining("out of range");

        String badSetup = ChromeSdp.PUBLISHER_OFFER.replaceFirst("a=setup:actpass", "a=setup:sideways");
        assertThatThrownBy(() -> SessionDescription.parse(badSetup))
                .hasMessageContaining("SDP line " + lineOf(badSetup, "a=setup:sideways"));

        String badFingerprint = ChromeSdp.PUBLISHER_OFFER.replaceFirst("6B:8B:F0", "6B:8B:G0");
        assertThatThrownBy(() -> SessionDescription.parse(badFingerprint))
                .hasMessageContaining("SDP line " + lineOf(badFingerprint, "a=fingerprint:sha-256 6B:8B:G0")).hasMessageContaining("fingerprint");
    }

    @Test
    void rejectsTruncatedOffersWithTheirLine() {
        String offer = ChromeSdp.PUBLISHER_OFFER;
        // cut in the middle of the video m= line: "m=video 9" has no protocol and no formats
        String cut = offer.substring(0, offer.indexOf("m=video") + "m=video 9".length());
        int line = lineOf(cut, "m=video 9");

        assertThatThrownBy(() -> SessionDescription.parse(cut))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageContaining("m=");

        String cutAttribute = offer.substring(0, offer.indexOf("a=rtpmap:96 VP8") + "a=rtpmap:96 V".length());
        assertThatThrownBy(() -> SessionDescription.parse(cutAttribute))
                .hasMessageContaining("SDP line " + lineOf(cutAttribute, "a=rtpmap:96 V"));

        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 46117"))
                .isInstanceOf(SdpException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsOversizedSdp() {
        String huge = ChromeSdp.PUBLISHER_OFFER + "a=x:" + "y".repeat(SdpParser.MAX_CHARS) + "\r\n";

        assertThatThrownBy(() -> SessionDescription.parse(huge))
                .isInstanceOf(SdpException.class).hasMessageContaining("limit is 65536");
    }

    @Test
    void rejectsLinesOutOfPlace() {
        String tInMedia = ChromeSdp.PUBLISHER_OFFER.replace("a=mid:1\r\n", "a=mid:1\r\nt=0 0\r\n");

        assertThatThrownBy(() -> SessionDescription.parse(tInMedia))
                .hasMessageContaining("SDP line " + (lineOf(tInMedia, "a=mid:1") + 1))
                .hasMessageContaining("inside an m-section");
    }

    static int lineOf(String sdp, String prefix) {
        String[] lines = sdp.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }
}
