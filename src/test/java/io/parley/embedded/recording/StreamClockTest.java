package io.parley.embedded.recording;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StreamClockTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000_000_000L;

    /** 2024-01-01T00:00:00Z as a 64-bit NTP timestamp plus {@code millis}. */
    private static long ntp(long millis) {
        long unixSeconds = 1_704_067_200L;
        long seconds = unixSeconds + StreamClock.NTP_TO_UNIX_SECONDS + millis / 1000;
        long fraction = (millis % 1000) * (1L << 32) / 1000;
        return seconds << 32 | fraction;
    }

    @Test
    void withoutReportsTheFirstArrivalAnchorsTheTrack() {
        StreamClock clock = new StreamClock(START);
        assertThat(clock.toMillis(true, 1_000_000, START + 2500 * MS)).isEqualTo(2500);
        assertThat(clock.toMillis(true, 1_000_000 + 3000, START + 2600 * MS)).isEqualTo(2533);
        assertThat(clock.toMillis(true, 1_000_000 + 90_000, START + 9999 * MS)).isEqualTo(3500);
    }

    @Test
    void rtpTimestampsWrapAt32Bits() {
        StreamClock clock = new StreamClock(START);
        long before = 0xFFFF_FFFFL - 4799;
        assertThat(clock.toMillis(false, before, START)).isZero();
        assertThat(clock.toMillis(false, (before + 9600) & 0xFFFF_FFFFL, START)).isEqualTo(200);
    }

    @Test
    void timeNeverGoesBackwardsWithinATrack() {
        StreamClock clock = new StreamClock(START);
        clock.toMillis(false, 48_000, START + 1000 * MS);
        assertThat(clock.toMillis(false, 48_000 - 960, START + 1020 * MS)).isEqualTo(1000);
    }

    @Test
    void senderReportsAlignAudioAndVideoDespiteSkewedArrivals() {
        StreamClock clock = new StreamClock(START);
        // the same NTP instant is video RTP 500_000 and audio RTP 77_000
        clock.onSenderReport(true, ntp(0), 500_000);
        clock.onSenderReport(false, ntp(0), 77_000);
        // video's first packet arrives 1000 ms into the recording, audio's 60 ms later than it should by the reports
        long video = clock.toMillis(true, 500_000, START + 1000 * MS);
        long audio = clock.toMillis(false, 77_000, START + 1060 * MS);
        assertThat(audio).isEqualTo(video).isEqualTo(1000);
        assertThat(clock.toMillis(true, 500_000 + 90_000, START + 2100 * MS)).isEqualTo(2000);
        assertThat(clock.toMillis(false, 77_000 + 48_000, START + 2000 * MS)).isEqualTo(2000);
    }

    @Test
    void ntpConvertsToUnixMilliseconds() {
        assertThat(StreamClock.ntpToUnixMillis(ntp(250))).isCloseTo(1_704_067_200_250.0, within(0.01));
    }
}
