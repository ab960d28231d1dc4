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
    private final BitrateMeter meter = new BitrateMeter();

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
        bitrate = meter.bitrate();
    }

    boolean active() {
        return bitrate > 0;
    }

    /** Reception starts over (a new SSRC, or packets nobody received were skipped). */
    void restart(long newSsrc) {
        ssrc = newSsrc;
        statistics = new ReceptionStatistics(newSsrc, Producer.VIDEO_CLOCK_RATE);
        losses.reset();
        retransmissions.clear();
    }
}
