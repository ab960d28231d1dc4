package io.parley.embedded.recording;

/**
 * Puts one stream's audio and video on a common millisecond clock whose zero is the start of the recording.
 *
 * <p>Until a track has an RTCP sender report, its time is the arrival of its first packet plus the RTP timestamp delta
 * divided by the clock rate (RFC 3550 §5.1), so a late join or a pause keeps its real place. Arrival times carry the network
 * jitter of that first packet, so audio and video can be tens of milliseconds apart; a sender report (RFC 3550 §6.4.1) ties an
 * RTP timestamp of the track to the sender's NTP wall clock, and both tracks of a publisher share that clock, which is
 * what lip sync needs (§6.4.1, "synchronization of media streams").
 *
 * <p>The sender's wall clock is not ours (a browser's clock can be off by seconds), so NTP time is not used as an absolute
 * date: the offset between the sender's clock and the recording clock is fixed once, at the first packet that can be placed
 * both ways, and then applies to both tracks. The track that gets the first report therefore continues without a jump,
 * and the other one moves into line with it when its own report arrives.
 *
 * <p>Output times never go backwards within a track (clamped), because WebM blocks of a track must be in order.
 */
public final class StreamClock {

    public static final int VIDEO_CLOCK_RATE = 90_000;
    public static final int AUDIO_CLOCK_RATE = 48_000;

    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (RFC 868 / RFC 5905). */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private final long startNanos;
    private final Track video = new Track(VIDEO_CLOCK_RATE);
    private final Track audio = new Track(AUDIO_CLOCK_RATE);
    private boolean offsetKnown;
    /** Sender wall-clock milliseconds minus recording milliseconds. */
    private double senderOffsetMillis;

    /** @param startNanos the recording's start on the {@link System#nanoTime()} scale that arrival times use */
    public StreamClock(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Milliseconds since the recording start of the sample with this RTP timestamp, received at {@code arrivalNanos}. */
    public long toMillis(boolean isVideo, long rtpTimestamp, long arrivalNanos) {
        Track track = isVideo ? video : audio;
        long extended = track.unwrap(rtpTimestamp);
        if (!track.seen) {
            track.seen = true;
            track.firstExtended = extended;
            track.firstArrivalMillis = (arrivalNanos - startNanos) / 1_000_000.0;
        }
        double byArrival = track.firstArrivalMillis + track.millisBetween(track.firstExtended, extended);
        double millis = byArrival;
        if (track.reported) {
            double senderMillis = track.reportNtpMillis + track.millisBetween(track.reportExtended, extended);
            if (!offsetKnown) {
                offsetKnown = true;
                senderOffsetMillis = senderMillis - byArrival;
            }
            millis = senderMillis - senderOffsetMillis;
        }
        long result = Math.max(Math.max(0, Math.round(millis)), track.lastOutput);
        track.lastOutput = result;
        return result;
    }

    /** An RTCP sender report for the track: {@code ntp} is the 64-bit NTP timestamp, {@code rtpTimestamp} the same instant. */
    public void onSenderReport(boolean isVideo, long ntp, long rtpTimestamp) {
        Track track = isVideo ? video : audio;
        track.reported = true;
        track.reportExtended = track.unwrap(rtpTimestamp);
        track.reportNtpMillis = ntpToUnixMillis(ntp);
    }

    /** NTP 64-bit (32 bits of seconds since 1900, 32 bits of fraction) to Unix milliseconds, keeping the fraction. */
    static double ntpToUnixMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000.0 + fraction * 1000.0 / 4_294_967_296.0;
    }

    private static final class Track {
        final int clockRate;
        boolean unwrapping;
        long lastExtended;
        boolean seen;
        long firstExtended;
        double firstArrivalMillis;
        boolean reported;
        long reportExtended;
        double reportNtpMillis;
        long lastOutput;

        Track(int clockRate) {
            this.clockRate = clockRate;
        }

        /** RTP timestamps are 32 bits and wrap (every 13 h at 90 kHz); extend them by the signed distance to the last one. */
        long unwrap(long timestamp) {
            if (!unwrapping) {
                unwrapping = true;
                lastExtended = timestamp & 0xFFFF_FFFFL;
                return lastExtended;
            }
            long extended = lastExtended + (int) (timestamp - lastExtended);
            if (extended > lastExtended) {
                lastExtended = extended;
            }
            return extended;
        }

        double millisBetween(long from, long to) {
            return (to - from) * 1000.0 / clockRate;
        }
    }
}
