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
 * <p>Between two reports a track's time is extrapolated from the latest at the rate its reports show, fitted over
 * the last few (as a receiver's RTP-to-NTP estimator does): a sampling clock runs a little off its nominal rate
 * against the sender's wall clock (Chromium's fake microphone 0.35% slow against its camera), and audio reports
 * come only every 5 to 8 s, so at the nominal rate the audio drifted several ms a report from the video and jumped
 * back at each one: a sawtooth of lip sync errors in the archive.
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
            double senderMillis = track.reportNtpMillis + (extended - track.reportExtended) * track.millisPerTick;
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
        track.fitRate();
    }

    /** NTP 64-bit (32 bits of seconds since 1900, 32 bits of fraction) to Unix milliseconds, keeping the fraction. */
    static double ntpToUnixMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000.0 + fraction * 1000.0 / 4_294_967_296.0;
    }

    /** Reports the rate is fitted over: for audio, reported every 5 to 8 s, about half a minute. */
    static final int REPORTS_FITTED = 6;
    /** Reports closer together than this say too little of the rate: their NTP times carry ms of jitter. */
    static final double MIN_FIT_SPAN_MILLIS = 4_000;
    static final double MAX_REPORT_ERROR_MILLIS = 100;
    /** A real clock is off its nominal rate by 100 ppm, a fake one by a few tenths of a percent. */
    static final double MAX_RATE_ERROR = 0.01;

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
        /** The rate the reports show, in ms per RTP tick; nominal until they span {@link #MIN_FIT_SPAN_MILLIS}. */
        double millisPerTick;
        final long[] reportTicks = new long[REPORTS_FITTED];
        final double[] reportMillis = new double[REPORTS_FITTED];
        int reports;
        long lastOutput;

        Track(int clockRate) {
            this.clockRate = clockRate;
            this.millisPerTick = 1000.0 / clockRate;
        }

        /**
         * The latest report joins the last {@link #REPORTS_FITTED}, and the rate is their least-squares slope. A report
         * off that line by more than {@link #MAX_REPORT_ERROR_MILLIS} is a new mapping (the sender restarted its
         * clock), and starts the fit over; a slope more than {@link #MAX_RATE_ERROR} from nominal is not believed.
         */
        void fitRate() {
            if (reports > 0) {
                int last = (reports - 1) % REPORTS_FITTED;
                double predicted = reportMillis[last] + (reportExtended - reportTicks[last]) * millisPerTick;
                if (Math.abs(predicted - reportNtpMillis) > MAX_REPORT_ERROR_MILLIS) {
                    reports = 0;
                    millisPerTick = 1000.0 / clockRate;
                }
            }
            int slot = reports % REPORTS_FITTED;
            reportTicks[slot] = reportExtended;
            reportMillis[slot] = reportNtpMillis;
            reports++;
            int n = Math.min(reports, REPORTS_FITTED);
            double meanTicks = 0;
            double meanMillis = 0;
            long minTicks = Long.MAX_VALUE;
            long maxTicks = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                meanTicks += (double) (reportTicks[i] - reportExtended) / n;
                meanMillis += (reportMillis[i] - reportNtpMillis) / n;
                minTicks = Math.min(minTicks, reportTicks[i]);
                maxTicks = Math.max(maxTicks, reportTicks[i]);
            }
            double nominal = 1000.0 / clockRate;
            if ((maxTicks - minTicks) * nominal < MIN_FIT_SPAN_MILLIS) {
                return;
            }
            double covariance = 0;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                double dx = reportTicks[i] - reportExtended - meanTicks;
                covariance += dx * (reportMillis[i] - reportNtpMillis - meanMillis);
                variance += dx * dx;
            }
            double slope = covariance / variance;
            millisPerTick = Math.abs(slope / nominal - 1) <= MAX_RATE_ERROR ? slope : nominal;
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
