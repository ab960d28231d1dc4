package io.parley.embedded.media.router;

import io.parley.embedded.media.rtcp.ReceptionStatistics;
import io.parley.embedded.media.rtcp.TransportFeedback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One published stream inside the router: the link it arrives on, what the router keeps to repair it (the
 * retransmission buffer and loss detector for video) and the subscriptions it is forwarded to.
 *
 * <p>Fields other than the subscription list are only touched on the media thread.
 */
final class Producer {

    static final int VIDEO_CLOCK_RATE = 90_000;
    static final int AUDIO_CLOCK_RATE = 48_000;

    private final String streamId;
    private final long routerSsrc = ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL);
    private final List<Consumer> subscriptions = new CopyOnWriteArrayList<>();
    private volatile WebRtcTransport publisher;
    private volatile int videoPayloadType = -1;
    private volatile int audioPayloadType = -1;
    /** The payload type of the publisher's RTX stream (RFC 4588), or -1 when it sends none. */
    private volatile int videoRtxPayloadType = -1;
    private volatile String sessionId;
    /** The publisher's header extension ids translated to the ids of the router's subscriber offers. */
    private volatile byte[] extensionIds = ExtensionIds.NONE;
    volatile RtpObserver tap;

    /** The video's encodings: one, or the simulcast layers lowest first (set with the publisher). */
    private VideoLayer[] layers = {new VideoLayer(0, null, 1024)};
    /** The publisher's rid and repaired-rid extension ids (simulcast), or -1. */
    private int ridExtensionId = -1;
    private int repairedRidExtensionId = -1;
    /** The publisher's transport-wide sequence number extension id, or -1 when it estimates by REMB. */
    private int transportCcId = -1;
    /** Arrival times for the publisher's own estimator, when {@link #transportCcId} is negotiated. */
    private TransportFeedback transportFeedback;
    long lastTransportFeedback;
    /** How many layers the publisher was last told anyone needs (see {@link LayerDemand}); all at first. */
    int layersTold = Integer.MAX_VALUE;
    /** How the recorder's tap gets one layer of a simulcast stream. */
    final LayerSelection tapSelection = new LayerSelection();
    /** When the publisher's video last arrived (0: never), so a subscriber's gap is told from the publisher's. */
    long videoArrivedNanos;
    long lastFreezeWatch;
    long audioSsrc = -1;
    ReceptionStatistics audioStatistics;
    volatile boolean keyFrameWanted;
    /** Packets that arrived while nobody received the stream, since it was last received (see Forwarder). */
    long unreceivedPackets;
    /** This interval's audio levels, for {@link ActiveSpeakers}. */
    int audioPacketsInInterval;
    int loudPacketsInInterval;
    long loudnessInInterval;

    Producer(String streamId) {
        this.streamId = streamId;
    }

    String streamId() {
        return streamId;
    }

    /** The SSRC the router's own RTCP to the publisher (receiver reports, NACK, PLI, REMB) is sent from. */
    long routerSsrc() {
        return routerSsrc;
    }

    WebRtcTransport publisher() {
        return publisher;
    }

    String sessionId() {
        return sessionId;
    }

    void publisher(String sessionId, WebRtcTransport link, int videoPayloadType, int audioPayloadType,
                   byte[] extensionIds) {
        publisher(sessionId, link, videoPayloadType, -1, audioPayloadType, extensionIds);
    }

    void publisher(String sessionId, WebRtcTransport link, int videoPayloadType, int videoRtxPayloadType,
                   int audioPayloadType, byte[] extensionIds) {
        this.videoRtxPayloadType = videoRtxPayloadType;
        this.sessionId = sessionId;
        this.extensionIds = extensionIds;
        this.videoPayloadType = videoPayloadType;
        this.audioPayloadType = audioPayloadType;
        this.publisher = link;
    }

    void publisherGone() {
        publisher = null;
    }

    /** Reception starts over after packets nobody received were skipped: their gap is no loss to report or NACK. */
    void restartReception() {
        for (VideoLayer layer : layers) {
            if (layer.ssrc >= 0) {
                layer.restart(layer.ssrc);
            }
        }
        if (audioSsrc >= 0) {
            audioStatistics = new ReceptionStatistics(audioSsrc, AUDIO_CLOCK_RATE);
        }
    }

    /** Media thread: the video becomes simulcast with these rids (lowest first) and extension ids. */
    void simulcast(java.util.List<String> rids, int ridId, int repairedRidId) {
        VideoLayer[] made = new VideoLayer[rids.size()];
        for (int i = 0; i < made.length; i++) {
            // lower layers carry fewer packets a second: a smaller buffer keeps as many seconds of them
            made[i] = new VideoLayer(i, rids.get(i), i == made.length - 1 ? 1024 : 512);
        }
        layers = made;
        ridExtensionId = ridId;
        repairedRidExtensionId = repairedRidId;
    }

    /** Media thread: the publisher's packets carry transport-wide sequence numbers under {@code id} (-1: none). */
    void transportFeedback(int id, long now) {
        transportCcId = id;
        transportFeedback = id < 0 ? null : new TransportFeedback(now);
        lastTransportFeedback = now;
    }

    int transportCcId() {
        return transportCcId;
    }

    /** Null when the publisher is told its bitrate by REMB instead. */
    TransportFeedback transportFeedback() {
        return transportFeedback;
    }

    VideoLayer[] layers() {
        return layers;
    }

    boolean simulcast() {
        return layers.length > 1;
    }

    /** The only layer of a stream without simulcast (and the lowest of one with it). */
    VideoLayer video() {
        return layers[0];
    }

    int ridExtensionId() {
        return ridExtensionId;
    }

    int repairedRidExtensionId() {
        return repairedRidExtensionId;
    }

    byte[] extensionIds() {
        return extensionIds;
    }

    int videoPayloadType() {
        return videoPayloadType;
    }

    int videoRtxPayloadType() {
        return videoRtxPayloadType;
    }

    int audioPayloadType() {
        return audioPayloadType;
    }

    List<Consumer> subscriptions() {
        return subscriptions;
    }

    /**
     * The key frame a new subscriber needs is asked for when its transport is secure, not here: one asked for now
     * arrives before the subscriber can receive it, and the throttle then holds back the one it can use.
     */
    void add(Consumer subscription) {
        subscriptions.add(subscription);
    }

    void remove(Consumer subscription) {
        subscriptions.remove(subscription);
    }

    boolean isEmpty() {
        return publisher == null && subscriptions.isEmpty();
    }
}
