package io.parley.embedded.media.router;

import io.parley.embedded.media.rtp.Vp8Descriptor;

/**
 * Which simulcast layer one receiver (a subscriber, or the recorder) gets, and how that layer's packets are
 * renumbered so that the receiver sees one continuous stream whichever layer they come from: sequence numbers,
 * RTP timestamps and VP8 picture ids (with TL0PICIDX) carry on from the last packet forwarded.
 *
 * <p>A switch happens only on the first packet of a key frame of the target layer, the only place a decoder can
 * start from; until then the current layer goes on. The packets forwarded are remembered by their new sequence
 * number, so that a receiver's NACK finds the layer and original packet to resend, renumbered as it was sent.
 * Media thread only.
 */
final class LayerSelection {

    /** No layer: the receiver wants no video (a hidden tile), or none has been chosen yet. */
    static final int NONE = -1;
    private static final int HISTORY = 1024;
    /** One second at 90 kHz: how far sender reports may put a switch from the time that passed. */
    private static final int MAX_ALIGNMENT_ERROR = 90_000;

    private int target = NONE;
    private int current = NONE;
    /** Whether the current layer stops before the switch's key frame (see {@link #shed}). */
    private boolean shedding;
    private boolean started;
    private int seqDelta;
    private long tsDelta;
    private int pictureIdDelta;
    private int tl0Delta;
    private int lastSeq;
    private long lastTs;
    private int lastPictureId = Vp8Descriptor.ABSENT;
    private int lastTl0 = Vp8Descriptor.ABSENT;
    private long lastForwardNanos;
    private long switches;
    // what each forwarded sequence number was, for NACKs
    private final int[] sentSeq = new int[HISTORY];
    private final int[] sourceSeq = new int[HISTORY];
    private final byte[] sourceLayer = new byte[HISTORY];
    private final long[] sentTsDelta = new long[HISTORY];
    private final int[] sentPictureIdDelta = new int[HISTORY];
    private final int[] sentTl0Delta = new int[HISTORY];

    // the packet accepted last, renumbered
    int seq;
    long timestamp;
    int pictureIdShift;
    int tl0Shift;
    // the packet sourceOf found, as it was renumbered when first sent
    long resentTimestampShift;
    int resentPictureIdShift;
    int resentTl0Shift;

    LayerSelection() {
        java.util.Arrays.fill(sentSeq, -1);
    }

    int target() {
        return target;
    }

    int current() {
        return current;
    }

    long switches() {
        return switches;
    }

    /** @return true when the target changed: its key frame is then wanted */
    boolean target(int layer) {
        if (layer == target) {
            return false;
        }
        target = layer;
        shedding = false;
        if (layer == NONE) {
            current = NONE;
        }
        return layer != NONE && layer != current;
    }

    /**
     * Until the switch to the target happens, the current layer is no longer forwarded: for a step down on a full
     * downlink, whose queue would otherwise hold the current layer's packets ahead of the target's key frame and
     * lose both. The picture stands still for the key frame's round trip instead of breaking up for seconds.
     */
    void shed() {
        shedding = switching();
    }

    /**
     * Whether a NACKed packet of {@code layer} is worth resending: not once the receiver was switched away from that
     * layer, or is being (shed): its decoder starts over at the new layer's key frame, and on a full downlink, where
     * switches down happen, every resent packet of the old layer is one the new layer's key frame waits behind. A
     * browser NACKs each lost packet up to ten times; answered, those NACKs kept a step down frozen for seconds.
     */
    boolean resendable(int layer) {
        return layer == current && !shedding;
    }

    /** Whether a switch is waiting for the target layer's key frame. */
    boolean switching() {
        return target != NONE && target != current;
    }

    /**
     * Decides on one packet of {@code layer}; when it is to be forwarded, {@link #seq}, {@link #timestamp},
     * {@link #pictureIdShift} and {@link #tl0Shift} say how to renumber it.
     *
     * @param keyFrameStart     whether the packet starts a key frame
     * @param onCurrentTimeline for a packet that may start a switch, its timestamp on the current layer's RTP clock
     *                          ({@link VideoLayer#timestampOn}), else {@link VideoLayer#NO_TIMESTAMP}
     * @param pictureId         its VP8 picture id (15 bits), or {@link Vp8Descriptor#ABSENT}
     * @param tl0PicIdx         its TL0PICIDX, or {@link Vp8Descriptor#ABSENT}
     */
    boolean accept(int layer, boolean keyFrameStart, int sequence, long rtpTimestamp, long onCurrentTimeline,
                   int pictureId, int tl0PicIdx, long nowNanos) {
        if (layer != current) {
            if (layer != target || !keyFrameStart) {
                return false;
            }
            switchTo(layer, sequence, rtpTimestamp, onCurrentTimeline, pictureId, tl0PicIdx, nowNanos);
        } else if (shedding) {
            return false;
        }
        seq = (sequence + seqDelta) & 0xFFFF;
        timestamp = (rtpTimestamp + tsDelta) & 0xFFFF_FFFFL;
        pictureIdShift = pictureIdDelta;
        tl0Shift = tl0Delta;
        if (((seq - lastSeq) & 0xFFFF) < 0x8000) {
            // the newest so far (not a late, reordered one): what the next switch continues from
            lastSeq = seq;
            lastTs = timestamp;
            if (pictureId != Vp8Descriptor.ABSENT) {
                lastPictureId = (pictureId + pictureIdDelta) & 0x7FFF;
            }
            if (tl0PicIdx != Vp8Descriptor.ABSENT) {
                lastTl0 = (tl0PicIdx + tl0Delta) & 0xFF;
            }
            lastForwardNanos = nowNanos;
        }
        int slot = seq & (HISTORY - 1);
        sentSeq[slot] = seq;
        sourceSeq[slot] = sequence;
        sourceLayer[slot] = (byte) layer;
        sentTsDelta[slot] = tsDelta;
        sentPictureIdDelta[slot] = pictureIdDelta;
        sentTl0Delta[slot] = tl0Delta;
        return true;
    }

    /** The layer a NACKed sequence number was forwarded from, or {@link #NONE} when it is no longer known. */
    int layerOf(int sentSequence) {
        int slot = sentSequence & (HISTORY - 1);
        return sentSeq[slot] == sentSequence ? sourceLayer[slot] : NONE;
    }

    /** For a sequence number {@link #layerOf} knows: the original's, and how it was renumbered (into the fields). */
    int sourceOf(int sentSequence) {
        int slot = sentSequence & (HISTORY - 1);
        resentTimestampShift = sentTsDelta[slot];
        resentPictureIdShift = sentPictureIdDelta[slot];
        resentTl0Shift = sentTl0Delta[slot];
        return sourceSeq[slot];
    }

    /**
     * The timestamp a switch's first packet goes out with. The new layer's clock has its own origin. Where the
     * sender reports line the layers up it is the current layer's timestamp for the same instant, so the subscriber's
     * NTP/RTP mapping goes on unchanged: a guess off by tens of ms is taken for a new mapping, which Chrome's
     * estimator blends in over its last 20 reports, and audio and video drift apart for seconds after each switch.
     * Otherwise the time since the last packet forwarded is the guess. Never at or before the last timestamp sent
     * (one frame of the two layers may be the same instant): a jitter buffer orders frames by it.
     */
    private long continuedTimestamp(long onCurrentTimeline, long nowNanos) {
        long elapsed = Math.max(1, (nowNanos - lastForwardNanos) * 90 / 1_000_000);
        long guessed = lastTs + elapsed;
        if (onCurrentTimeline == VideoLayer.NO_TIMESTAMP) {
            return guessed;
        }
        long aligned = onCurrentTimeline + tsDelta;
        int ahead = (int) (aligned - lastTs);
        if (Math.abs((int) (aligned - guessed)) > MAX_ALIGNMENT_ERROR) {
            return guessed; // reports of another era (a publisher's clock reset): not to be trusted over the clock
        }
        return ahead > 0 ? aligned : lastTs + 1;
    }

    /** What the current layer's RTP timestamps are shifted by (its sender reports need the same). */
    long timestampShift() {
        return tsDelta;
    }

    private void switchTo(int layer, int sequence, long rtpTimestamp, long onCurrentTimeline, int pictureId,
                          int tl0PicIdx, long nowNanos) {
        if (started) {
            seqDelta = lastSeq + 1 - sequence;
            tsDelta = continuedTimestamp(onCurrentTimeline, nowNanos) - rtpTimestamp;
            pictureIdDelta = pictureId == Vp8Descriptor.ABSENT || lastPictureId == Vp8Descriptor.ABSENT ? 0
                    : lastPictureId + 1 - pictureId;
            tl0Delta = tl0PicIdx == Vp8Descriptor.ABSENT || lastTl0 == Vp8Descriptor.ABSENT ? 0
                    : lastTl0 + 1 - tl0PicIdx;
            switches++;
        } else {
            started = true;
            lastSeq = (sequence - 1) & 0xFFFF;
        }
        current = layer;
        shedding = false;
    }
}
