package io.parley.embedded.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A publisher's simulcast offer (RFC 8853, as Chrome writes it for three sendEncodings) and the router's answer. */
class SimulcastTest {

    static final String SIMULCAST_OFFER = ChromeSdp.PUBLISHER_OFFER
            + "a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n";

    private static final RouterEndpoint ROUTER = AnswerBuilderTest.ROUTER;

    @Test
    void theEncodingsAreTakenLowestFirstWithTheExtensionsThatNameThem() {
        PublishedMedia video = PublisherOffer.parse(SIMULCAST_OFFER).media().get(1);
        assertThat(video.simulcast()).hasValueSatisfying(s -> {
            assertThat(s.rids()).containsExactly("q", "h", "f");
            assertThat(s.ridExtensionId()).isEqualTo(10);
            assertThat(s.repairedRidExtensionId()).isEqualTo(OptionalInt.of(11));
        });
        assertThat(PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER).media().get(1).simulcast()).isEmpty();
    }

    @Test
    void theAnswerReceivesEachEncodingByItsRid() {
        String answer = new AnswerBuilder(ROUTER, 1).build(PublisherOffer.parse(SIMULCAST_OFFER)).write();
        String video = answer.substring(answer.indexOf("m=video"));
        assertThat(video).contains("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n",
                "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\r\n",
                "a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f\r\n", "a=recvonly");
        assertThat(answer.substring(0, answer.indexOf("m=video"))).doesNotContain("simulcast");
    }

    @Test
    void aPausedOrAlternativeEncodingIsTakenByItsFirstRid() {
        String repeated = ChromeSdp.PUBLISHER_OFFER + "a=rid:q send\r\na=rid:h send\r\na=simulcast:send q;q\r\n";
        assertThatThrownBy(() -> PublisherOffer.parse(repeated)).isInstanceOf(SdpException.class)
                .hasMessageContaining("'q'");
        String alternatives = ChromeSdp.PUBLISHER_OFFER + "a=rid:q send\r\na=rid:h send\r\na=simulcast:send q;h,x\r\n";
        assertThat(PublisherOffer.parse(alternatives).media().get(1).simulcast().orElseThrow().rids())
                .containsExactly("q", "h");
        String paused = ChromeSdp.PUBLISHER_OFFER + "a=rid:q send\r\na=rid:h send\r\na=simulcast:send ~q;h\r\n";
        assertThat(PublisherOffer.parse(paused).media().get(1).simulcast().orElseThrow().rids())
                .containsExactly("q", "h");
    }

    @Test
    void offersTheRouterCannotTakeAreRefusedWithAReason() {
        assertThatThrownBy(() -> PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER
                + "a=rid:a send\r\na=rid:b send\r\na=rid:c send\r\na=rid:d send\r\na=simulcast:send a;b;c;d\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("at most 3");
        assertThatThrownBy(() -> PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER + "a=simulcast:send q;h\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("without its own a=rid:q send");
        assertThatThrownBy(() -> PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER
                .replace("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n", "")
                + "a=rid:q send\r\na=rid:h send\r\na=simulcast:send q;h\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("rtp-stream-id");
        assertThatThrownBy(() -> PublisherOffer.parse(ChromeSdp.PUBLISHER_OFFER + "a=simulcast:recv q\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("'send <rids>'");
    }
}
