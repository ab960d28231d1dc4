package io.parley.embedded.media.router;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A browser receiving one routed stream. The router's offer gave it SSRCs and payload types of the router's
 * choosing, so every forwarded packet has those two header fields rewritten: the publisher's own values are not
 * known when the offer is made, and need not be.
 *
 * <p>Retransmissions go on an RTX stream of their own (RFC 4588: its SSRC, payload type and sequence numbers, the
 * original sequence number first in the payload) once the subscriber's answer accepted RTX; a browser that did not
 * gets them as the original packet again.
 */
final class Consumer {

    /** The RTX payload type of the router's offers, associated with {@link MediaRouter#VP8_PAYLOAD_TYPE}. */
    static final int NO_RTX = -1;
    /** What {@link #videoLayer} says of a stream without simulcast, and of no video. */
    static final int SINGLE_LAYER = -2;
    static final int NO_VIDEO = LayerSelection.NONE;
    /** Receiver reports the loss average moves a quarter of the way towards each (an EWMA over about seven). */
    private static final double LOSS_SMOOTHING = 4;

    private final WebRtcTransport link;
    private final long videoSsrc;
    private final long audioSsrc;
    private final int videoPayloadType;
    private final int audioPayloadType;
    private final long rtxSsrc;
    // media thread only
    private int rtxPayloadType = NO_RTX;
    private int rtxSequence = ThreadLocalRandom.current().nextInt(1 << 16);
    /** The participant's downlink this subscription shares with its others. */
    private Downlink downlink;
    private int lossFraction;
    private double lossAverage;
    private boolean lossReported;
    private long lossAtNanos;
    /** The simulcast layer this subscriber gets (unused without simulcast). */
    private final LayerSelection selection = new LayerSelection();
    /** The tallest picture the subscriber's tile shows; 0 when hidden (no video wanted). */
    private int maxHeight = Integer.MAX_VALUE;
    private final RoundTrip roundTrip = new RoundTrip();
    private final DownlinkQueue queue = new DownlinkQueue(System.nanoTime());
    private final FreezeWatch freezes = new FreezeWatch();
    /** Its first video while its handshake runs; null before the first packet held and once let go. */
    private HeldPackets held;
    private boolean released;

    Consumer(WebRtcTransport link, long videoSsrc, long audioSsrc, int videoPayloadType, int audioPayloadType) {
        this(link, videoSsrc, audioSsrc, videoPayloadType, audioPayloadType, 0);
    }

    Consumer(WebRtcTransport link, long videoSsrc, long audioSsrc, int videoPayloadType, int audioPayloadType,
             long rtxSsrc) {
        this.link = link;
        this.videoSsrc = videoSsrc;
        this.audioSsrc = audioSsrc;
        this.videoPayloadType = videoPayloadType;
        this.audioPayloadType = audioPayloadType;
        this.rtxSsrc = rtxSsrc;
    }

    WebRtcTransport link() {
        return link;
    }

    /** Whether packets may still be held for it: its keys have not come, and holding did not overflow. */
    boolean holding() {
        return !released && (held == null || !held.overflowed());
    }

    /** Holds a renumbered packet until its keys come (see {@link HeldPackets}); false when it cannot. */
    boolean hold(byte[] packet, int length, int transportAt) {
        if (released) {
            return false;
        }
        if (held == null) {
            held = new HeldPackets();
        }
        return held.hold(packet, length, transportAt);
    }

    /** What was held, to be sent now that the keys are installed; null when nothing was. Holds nothing after. */
    HeldPackets release() {
        released = true;
        HeldPackets taken = held;
        held = null;
        return taken;
    }

    long videoSsrc() {
        return videoSsrc;
    }

    long audioSsrc() {
        return audioSsrc;
    }

    int videoPayloadType() {
        return videoPayloadType;
    }

    int audioPayloadType() {
        return audioPayloadType;
    }

    long rtxSsrc() {
        return rtxSsrc;
    }

    LayerSelection selection() {
        return selection;
    }

    /**
     * Media thread: the simulcast layer the subscriber gets now, {@link #SINGLE_LAYER} for a stream without
     * simulcast, or {@link #NO_VIDEO} (a hidden tile, or no layer yet).
     */
    int videoLayer() {
        Producer stream = link.producer();
        if (paused() || stream == null) {
            return NO_VIDEO;
        }
        if (!stream.simulcast()) {
            return SINGLE_LAYER;
        }
        return selection.current(); // NONE, before the first layer, is NO_VIDEO
    }

    /** Media thread: the bitrate of the video the subscriber gets now, as its publisher sends it. */
    long videoBitrate() {
        int layer = videoLayer();
        if (layer == NO_VIDEO) {
            return 0;
        }
        VideoLayer[] layers = link.producer().layers();
        return layers[layer == SINGLE_LAYER ? 0 : layer].bitrate;
    }

    /** The round trip to the subscriber, from the sender reports it gets on its video. */
    RoundTrip roundTrip() {
        return roundTrip;
    }

    /** The queueing on the way to the subscriber, from its transport-wide feedback. */
    DownlinkQueue queue() {
        return queue;
    }

    /** Media thread: a video packet went out to the subscriber. */
    void videoForwarded(long nowNanos) {
        freezes.forwarded(nowNanos);
    }

    /** Media thread, every tick: see {@link FreezeWatch}. */
    void watchFreeze(long nowNanos, boolean publisherSending, MediaMetrics metrics) {
        freezes.check(nowNanos, !paused(), publisherSending, metrics);
    }

    /** Media thread: the subscriber's tile is {@code height} pixels tall, 0 when hidden. */
    void maxHeight(int height) {
        this.maxHeight = height;
    }

    int maxHeight() {
        return maxHeight;
    }

    boolean paused() {
        return maxHeight == 0;
    }

    /** Media thread: the subscriber's receiver report says it lost {@code fraction}/256 of the video lately. */
    void lost(int fraction, long nowNanos) {
        lossFraction = fraction;
        lossAverage = lossReported ? lossAverage + (fraction - lossAverage) / LOSS_SMOOTHING : fraction;
        lossReported = true;
        lossAtNanos = nowNanos;
    }

    /** Whether a receiver report has said what it loses: until then a lossy link cannot be told from a clean one. */
    boolean lossReported() {
        return lossReported;
    }

    /**
     * The share of the video its reports have said it loses (0..1), smoothed over the last few, 0 when the last is
     * older than {@code maxAge}: a link's own loss (radio, a lossy path) that a single report's count, a binomial
     * draw of a hundred packets or so, says only roughly.
     */
    double steadyLoss(long nowNanos, long maxAgeNanos) {
        return nowNanos - lossAtNanos < maxAgeNanos ? lossAverage / 256.0 : 0;
    }

    /** The share of the video lost in the subscriber's last report (0..1), 0 when that is older than {@code maxAge}. */
    double recentLoss(long nowNanos, long maxAgeNanos) {
        return nowNanos - lossAtNanos < maxAgeNanos ? lossFraction / 256.0 : 0;
    }

    Downlink downlink() {
        return downlink;
    }

    void downlink(Downlink shared) {
        this.downlink = shared;
    }

    /** The subscriber's answer accepted RTX under {@code payloadType}. Media thread. */
    void useRtx(int payloadType) {
        if (rtxSsrc != 0) {
            this.rtxPayloadType = payloadType;
        }
    }

    /** The RTX payload type, or {@link #NO_RTX}. */
    int rtxPayloadType() {
        return rtxPayloadType;
    }

    /** The next sequence number of the RTX stream (its own space, RFC 4588 §4). Media thread. */
    int nextRtxSequence() {
        int sequence = rtxSequence;
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        return sequence;
    }
}
