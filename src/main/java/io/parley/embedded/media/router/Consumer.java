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
    /** A gap in a subscriber's video longer than this is a freeze (what WebRTC's own stats count is 3 frames). */
    static final long FREEZE_NANOS = 1_000_000_000L;
    static final long SHORTEST_ROUND_TRIP_AGE_NANOS = 30_000_000_000L;
    /** What {@link #videoLayer} says of a stream without simulcast, and of no video. */
    static final int SINGLE_LAYER = -2;
    static final int NO_VIDEO = LayerSelection.NONE;

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
    private long lossAtNanos;
    /** The simulcast layer this subscriber gets (unused without simulcast). */
    private final LayerSelection selection = new LayerSelection();
    /** The tallest picture the subscriber's tile shows; 0 when hidden (no video wanted). */
    private int maxHeight = Integer.MAX_VALUE;
    // the round trip to the subscriber, from the last sender report forwarded on its video SSRC and the receiver
    // report that answers it (RFC 3550 §6.4.1), and the shortest one lately: what the downlink's queue adds
    private long reportMiddleNtp = -1;
    private long reportSentNanos;
    private long roundTripNanos;
    private long roundTripAtNanos;
    private long shortestRoundTripNanos = Long.MAX_VALUE;
    private long shortestAtNanos;
    /** When video last went out to the subscriber (0: never), and since when it has been frozen (0: it is not). */
    private long videoForwardedNanos;
    private long frozenSinceNanos;

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
        return selection.current() == LayerSelection.NONE ? NO_VIDEO : selection.current();
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

    /** Media thread: a sender report with NTP time {@code ntp} went out on the subscriber's video SSRC. */
    void senderReportSent(long ntp, long nowNanos) {
        reportMiddleNtp = (ntp >>> 16) & 0xFFFF_FFFFL;
        reportSentNanos = nowNanos;
    }

    /**
     * Media thread: the subscriber's report block on its video, {@code lastSenderReport} and {@code delaySince}
     * (1/65536 s) as RFC 3550 names them. One that answers the last sender report gives a round trip.
     */
    void answeredSenderReport(long lastSenderReport, long delaySince, long nowNanos) {
        if (lastSenderReport != reportMiddleNtp || reportMiddleNtp < 0) {
            return;
        }
        reportMiddleNtp = -1;
        long roundTrip = Math.max(0, nowNanos - reportSentNanos - delaySince * 1_000_000_000L / 65_536);
        roundTripNanos = roundTrip;
        roundTripAtNanos = nowNanos;
        // the shortest of the last half minute: a path that changed (ICE-TCP, a new route) gets a new floor
        if (roundTrip < shortestRoundTripNanos || nowNanos - shortestAtNanos > SHORTEST_ROUND_TRIP_AGE_NANOS) {
            shortestRoundTripNanos = roundTrip;
            shortestAtNanos = nowNanos;
        }
    }

    /**
     * How much longer than the shortest lately the last round trip was, from a report younger than {@code maxAge}:
     * the time packets now wait in a queue on the way to the subscriber. 0 when not known.
     */
    long queueingNanos(long nowNanos, long maxAgeNanos) {
        if (roundTripAtNanos == 0 || nowNanos - roundTripAtNanos >= maxAgeNanos) {
            return 0;
        }
        return roundTripNanos - shortestRoundTripNanos;
    }

    /** Media thread: a video packet went out to the subscriber. */
    void videoForwarded(long nowNanos) {
        videoForwardedNanos = nowNanos;
    }

    /**
     * Media thread, every tick: a freeze is a second or more in which the publisher's video arrives and none of it
     * goes out to this subscriber (waiting for a key frame, a layer that stopped); a hidden tile or a publisher that
     * sends nothing is no freeze. Counted when it starts; its length added when it ends.
     */
    void watchFreeze(long nowNanos, boolean publisherSending, MediaMetrics metrics) {
        boolean stalled = publisherSending && !paused() && videoForwardedNanos != 0
                && nowNanos - videoForwardedNanos > FREEZE_NANOS;
        if (stalled && frozenSinceNanos == 0) {
            frozenSinceNanos = videoForwardedNanos;
            metrics.freezes.increment();
        } else if (!stalled && frozenSinceNanos != 0) {
            long endedNanos = videoForwardedNanos > frozenSinceNanos ? videoForwardedNanos : nowNanos;
            metrics.frozenNanos.increment(endedNanos - frozenSinceNanos);
            frozenSinceNanos = 0;
        }
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
        lossAtNanos = nowNanos;
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
