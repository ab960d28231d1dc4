package io.parley.embedded.media.router;

import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.rtp.AudioLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Who speaks, judged from RFC 6464 levels an interval at a time: at once when nobody did, with a lead otherwise. */
class ActiveSpeakersTest {

    private final ActiveSpeakers speakers = new ActiveSpeakers();
    private final Producer ada = published("room", "ada");
    private final Producer grace = published("room", "grace");
    private final Producer other = published("elsewhere", "linus");
    private final List<Producer> all = List.of(ada, grace, other);

    @Test
    void theFirstToSpeakIsActiveAtOnce() {
        interval(ada, 30, 25);
        interval(grace, AudioLevel.SILENCE, 25);
        assertThat(speakers.evaluate(all)).containsExactly(new ActiveSpeakers.Change("room", "ada"));
    }

    @Test
    void aLouderVoiceTakesOverOnlyAfterLeadingForASecond() {
        interval(ada, 40, 25);
        speakers.evaluate(all);
        interval(ada, 40, 25);
        interval(grace, 10, 25);
        assertThat(speakers.evaluate(all)).as("one interval of lead: a cough").isEmpty();
        interval(ada, 40, 25);
        interval(grace, 10, 25);
        assertThat(speakers.evaluate(all)).containsExactly(new ActiveSpeakers.Change("room", "grace"));
    }

    @Test
    void whenTheActiveSpeakerFallsSilentTheNextVoiceTakesOverAtOnce() {
        interval(ada, 30, 25);
        speakers.evaluate(all);
        interval(ada, AudioLevel.SILENCE, 25);
        interval(grace, 35, 25);
        assertThat(speakers.evaluate(all)).containsExactly(new ActiveSpeakers.Change("room", "grace"));
    }

    @Test
    void silenceKeepsTheLastSpeakerAndAClickIsNoVoice() {
        interval(ada, 30, 25);
        speakers.evaluate(all);
        interval(ada, AudioLevel.SILENCE, 25);
        // two loud packets in 25: less than a fifth of the interval
        interval(grace, AudioLevel.SILENCE, 23);
        interval(grace, 5, 2);
        assertThat(speakers.evaluate(all)).isEmpty();
        interval(ada, 60, 25);
        assertThat(speakers.evaluate(all)).as("quieter than -45 dBov is no voice").isEmpty();
    }

    @Test
    void sessionsAreJudgedApart() {
        interval(ada, 30, 25);
        interval(other, 10, 25);
        assertThat(speakers.evaluate(all)).containsExactlyInAnyOrder(new ActiveSpeakers.Change("room", "ada"),
                new ActiveSpeakers.Change("elsewhere", "linus"));
    }

    @Test
    void anEndedStreamIsNoLongerActive() {
        interval(ada, 30, 25);
        speakers.evaluate(all);
        speakers.ended(ada);
        interval(grace, 40, 25);
        interval(ada, 10, 25);
        ada.publisherGone();
        assertThat(speakers.evaluate(all)).containsExactly(new ActiveSpeakers.Change("room", "grace"));
    }

    private static void interval(Producer stream, int level, int packets) {
        for (int i = 0; i < packets; i++) {
            ActiveSpeakers.onLevel(stream, level);
        }
    }

    private static Producer published(String sessionId, String streamId) {
        Producer stream = new Producer(streamId);
        WebRtcTransport link = new WebRtcTransport(sessionId, streamId, WebRtcTransport.Kind.PUBLISHER,
                new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime()), () -> { });
        stream.publisher(sessionId, link, 96, 111, ExtensionIds.translation(OptionalInt.empty()));
        return stream;
    }
}
