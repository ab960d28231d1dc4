package io.parley.embedded.media.router;

import io.parley.embedded.media.rtcp.ReceptionStatistics;
import io.parley.embedded.media.rtp.KeyFrameRequestThrottle;
import io.parley.embedded.media.rtp.LossDetector;
import io.parley.embedded.media.rtp.RetransmissionBuffer;

import java.util.concurrent.TimeUnit;

/**
 * One encoding of a published video: the only one, or one simulcast layer (RFC 8853), lowest first. Each has its
 * own SSRC (and RTX SSRC), learned from the packets (simulcast offers announce none; the rid extension names the
 * layer until then), its own repair state, and what the router measured of it: bitrate and picture height.
 * Media thread only.
 */
final class VideoLayer {

    /** What {@link #timestampOn} returns when it cannot tell. */
    static final long NO_TIMESTAMP = -1;

    final int index;
    /** The simulcast rid, or null for a stream without simulcast. */
    final String rid;
    final RetransmissionBuffer retransmissions;
    final LossDetector losses = new LossDetector(100, 3, TimeUnit.MILLISECONDS.toNanos(40));
    final KeyFrameRequestThrottle keyFrames = new KeyFrameRequestThrottle();
    long ssrc = -1;
    long rtxSsrc = -1;
    ReceptionStatistics statistics;
    boolean keyFrameWanted;
    /** The height of its last key frame (read from the VP8 frame header), 0 before one. */
    int height;
    /** Bits per second over the last report interval; 0 when it sent nothing. */
    long bitrate;
    /** The same over the interval before. */
    private long previousBitrate;
    private final BitrateMeter meter = new BitrateMeter();
    // the layer's last sender report: an instant of the publisher's NTP clock and this layer's RTP timestamp then
    private boolean reported;
    private long reportNtp;
    private long reportRtp;

    VideoLayer(int index, String rid, int retransmissionCapacity) {
        this.index = index;
        this.rid = rid;
        this.retransmissions = new RetransmissionBuffer(retransmissionCapacity, 1500);
    }

    void onBytes(int length) {
        meter.add(length);
    }

    /** Each report interval: the bitrate over it, and a new interval. */
    void measure(long nowNanos) {
        meter.measure(nowNanos);
        previousBitrate = bitrate;
        bitrate = meter.bitrate();
    }

    /**
     * Whether the publisher's browser sends this layer: something came in the last two report intervals. One silent
     * interval is not a stop: an encoder whose frames of noise exceed its layer's bitrate drops them for a second
     * and more (SimulcastBrowserTest's noise: 2 to 3 fps), and a subscriber taken off a layer waits for a trial to return.
     */
    boolean active() {
        return bitrate > 0 || previousBitrate > 0;
    }

    /** An RTCP sender report of this layer (RFC 3550 §6.4.1): {@code ntp} 64-bit NTP, {@code rtpTimestamp} then. */
    void onSenderReport(long ntp, long rtpTimestamp) {
        reported = true;
        reportNtp = ntp;
        reportRtp = rtpTimestamp & 0xFFFF_FFFFL;
    }

    /**
     * The RTP timestamp {@code other} gives the instant this layer stamps {@code rtpTimestamp}, from both layers'
     * sender reports, or {@link #NO_TIMESTAMP} before both have one. The layers' encoders run on one browser's NTP
     * clock, each with its own random RTP origin, so this is exact where a guess from arrival times is off by the
     * key frame's queueing, and a receiver that syncs audio to video by sender reports sees one timeline throughout.
     */
    long timestampOn(VideoLayer other, long rtpTimestamp) {
        if (!reported || !other.reported) {
            return NO_TIMESTAMP;
        }
        // 32.32 fixed point seconds; within a report or two of each other, so the difference cannot overflow
        double seconds = (reportNtp - other.reportNtp) / 4_294_967_296.0;
        long sinceReport = (int) (rtpTimestamp - reportRtp);
        return (other.reportRtp + sinceReport + Math.round(seconds * Producer.VIDEO_CLOCK_RATE)) & 0xFFFF_FFFFL;
    }

    /** Reception starts over (a new SSRC, or packets nobody received were skipped). */
    void restart(long newSsrc) {
        if (newSsrc != ssrc) {
            reported = false;
        }
        ssrc = newSsrc;
        statistics = new ReceptionStatistics(newSsrc, Producer.VIDEO_CLOCK_RATE);
        losses.reset();
        retransmissions.clear();
    }
}
