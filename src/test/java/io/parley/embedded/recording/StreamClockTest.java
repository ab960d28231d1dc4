package io.parley.embedded.recording;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StreamClockTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000_000_000L;
    /** A microphone 0.35% slow: audio RTP ticks per millisecond of the sender's wall clock. */
    private static final double SLOW_TICKS_PER_MILLI = 48 * (1 - 0.0035);

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

    /**
     * A microphone 0.35% slow against the sender's wall clock, reported every 6 s: 5 s after its latest report, a
     * sample is where the reports' rate puts it, not 17.5 ms off as at the nominal 48 kHz (the sawtooth the archive's
     * lip sync showed, reset at each report).
     */
    @Test
    void betweenReportsATrackRunsAtTheRateItsReportsShow() {
        StreamClock clock = withSlowMicrophoneReported();
        long audio = clock.toMillis(false, 77_000 + Math.round(23_000 * SLOW_TICKS_PER_MILLI), START + 24_000 * MS);
        assertThat(audio).as("23 s after the video's 1,000 ms").isCloseTo(24_000L, within(1L));
    }

    /** A report off the fitted line by more than 100 ms is a new mapping: the rate starts over from nominal. */
    @Test
    void aReportOffTheLineStartsTheFitOver() {
        StreamClock clock = withSlowMicrophoneReported();
        clock.onSenderReport(false, ntp(24_000), 5_000_000); // the sender's audio clock restarted elsewhere
        long audio = clock.toMillis(false, 5_000_000 + 48 * 5_000, START + 30_000 * MS);
        assertThat(audio).as("5 s after that report at the nominal rate").isEqualTo(30_000);
    }

    /**
     * Video reported at NTP 0 and placed at 1,000 ms into the recording; audio from a microphone 0.35% slow, reported
     * at 0, 6, 12 and 18 s.
     */
    private static StreamClock withSlowMicrophoneReported() {
        StreamClock clock = new StreamClock(START);
        clock.onSenderReport(true, ntp(0), 500_000);
        for (int i = 0; i < 4; i++) {
            clock.onSenderReport(false, ntp(i * 6_000L), 77_000 + Math.round(i * 6_000 * SLOW_TICKS_PER_MILLI));
        }
        assertThat(clock.toMillis(true, 500_000, START + 1000 * MS)).isEqualTo(1000);
        return clock;
    }

    @Test
    void ntpConvertsToUnixMilliseconds() {
        assertThat(StreamClock.ntpToUnixMillis(ntp(250))).isCloseTo(1_704_067_200_250.0, within(0.01));
    }
}
