package io.parley.load;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * parley-load against the application under test, briefly: its synthetic peers get through signaling, ICE, DTLS and
 * SRTP, and every packet the publishers send in the window reaches every subscriber in order. This proves the tool
 * (and the router's whole receive and forward path, socket to socket); its figures are for README, not asserted.
 */
@QuarkusTest
class ParleyLoadTest {

    private static ParleyLoad.Options options(int publishers, int subscribers, Path media) {
        return options(publishers, 0, subscribers, media);
    }

    private static ParleyLoad.Options options(int publishers, int audioPublishers, int subscribers, Path media) {
        return new ParleyLoad.Options(URI.create("http://127.0.0.1:" + RestAssured.port), "test-server-key-0123456789",
                1, publishers, audioPublishers, subscribers, Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ZERO, null, media, 600);
    }

    @Test
    void everyPublishedPacketReachesEverySubscriberInOrder() throws Exception {
        ParleyLoad.Result result = ParleyLoad.run(options(2, 2, null));

        assertThat(result.inPerSecond()).as("two camera-like publishers send about 115 packets/s each")
                .isBetween(150.0, 300.0);
        // each subscriber receives both publishers' packets: out = 2 x in, give or take the window's edges
        assertThat(result.outPerSecond() / result.inPerSecond()).isBetween(1.8, 2.2);
        assertThat(result.lost()).as("sequence gaps on loopback").isZero();
        assertThat(result.undecryptable()).isZero();
        assertThat(result.delaysMicros().getTotalCount()).as("every packet carried its send time")
                .isEqualTo(result.received());
    }

    @Test
    void audioOnlyPublishersSendOnlyTheirMicrophones() throws Exception {
        ParleyLoad.Result result = ParleyLoad.run(options(1, 3, 1, null));

        // one camera-like publisher (about 115 packets/s) and three microphones at 50 packets/s each
        assertThat(result.inPerSecond()).isBetween(200.0, 330.0);
        assertThat(result.outPerSecond() / result.inPerSecond()).isBetween(0.9, 1.1);
        assertThat(result.lost()).isZero();
        assertThat(result.undecryptable()).isZero();
    }

    @Test
    void aRecordedWebmIsPublishedAtItsOwnPace() throws Exception {
        Path recording = Path.of(".ci/fixtures/recorded-stream.webm");
        MediaSchedule schedule = MediaSchedule.recorded(recording);
        assertThat(schedule.frames()).anyMatch(MediaSchedule.Frame::keyFrame).anyMatch(f -> !f.video());

        ParleyLoad.Result result = ParleyLoad.run(options(1, 1, recording));

        assertThat(result.received()).isPositive();
        assertThat(result.lost()).isZero();
    }

    @Test
    void optionsRefuseWhatWouldLeaveTheMachineOrNeverEnd() {
        assertThatThrownBy(() -> ParleyLoad.Options.parse(new String[] {"--server-key", "k", "--url",
                "http://192.0.2.1:8080"})).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> ParleyLoad.Options.parse(new String[] {"--server-key", "k", "--duration", "6000"}))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> ParleyLoad.Options.parse(new String[] {"--server-key", "k", "--rooms", "many"}))
                .hasMessageContaining("takes a number");
        assertThatThrownBy(() -> ParleyLoad.Options.parse(new String[] {"--publishers", "2"}))
                .hasMessageContaining("server-key");
        assertThatThrownBy(() -> ParleyLoad.Options.parse(new String[] {"--server-key", "k", "--publishers", "0"}))
                .hasMessageContaining("at least one publisher");
        assertThat(ParleyLoad.Options.parse(new String[] {"--server-key", "k", "--publishers", "10",
                "--audio-publishers", "40", "--subscribers", "2"}).audioPublishers()).isEqualTo(40);
    }
}
