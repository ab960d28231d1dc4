package io.parley.embedded.media.router;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.embedded.media.dtls.DtlsCertificate;
import io.parley.embedded.media.dtls.DtlsDropCounts;
import io.parley.embedded.media.dtls.DtlsDropReason;
import io.parley.embedded.media.dtls.DtlsFingerprint;
import io.parley.embedded.media.dtls.DtlsServerEndpoint;
import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.sdp.AnswerBuilder;
import io.parley.embedded.media.sdp.Fingerprint;
import io.parley.embedded.media.sdp.MediaKind;
import io.parley.embedded.media.sdp.OutgoingTrack;
import io.parley.embedded.media.sdp.PublishedMedia;
import io.parley.embedded.media.sdp.PublisherOffer;
import io.parley.embedded.media.sdp.RouterEndpoint;
import io.parley.embedded.media.sdp.RtpCodec;
import io.parley.embedded.media.sdp.SdpException;
import io.parley.embedded.media.sdp.SessionDescription;
import io.parley.embedded.media.sdp.Simulcast;
import io.parley.embedded.media.sdp.SubscriberAnswer;
import io.parley.embedded.media.sdp.SubscriberOfferBuilder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded platform's media router (SFU): one UDP port, ICE-lite, DTLS-SRTP, and RTP forwarded without
 * transcoding. Signaling hands it SDP through {@link RoutedMedia}; the recorder observes sessions through
 * {@link #tap}.
 *
 * <p>One owner. Every map here, every link and stream, is read and changed only on the media thread (the
 * {@link MediaLoop}, which also reads the UDP socket), as in mediasoup's worker. Public methods do their pure work (SDP
 * parsing and building) on the caller's thread and post the state change with {@link #onMediaThread}; they never wait for it, so a caller
 * holding a session's lock never waits on the media thread, and the media thread hands signaling callbacks to another
 * thread, so it never waits on a session's lock.
 *
 * <p>DTLS. A link's handshake starts only once its remote fingerprint is known (offer or answer) and a valid ICE check
 * has proven its address, and only when the {@link HandshakeQueue} admits it: no session and no address can hold more
 * than its share of the handshake threads.
 */
@ApplicationScoped
public class MediaRouter implements RoutedMedia {

    private static final Logger LOG = Logger.getLogger(MediaRouter.class);
    /** The router's offers use these payload types; forwarded packets are rewritten to them. */
    static final int OPUS_PAYLOAD_TYPE = 111;
    static final int VP8_PAYLOAD_TYPE = 96;
    static final int RTX_PAYLOAD_TYPE = 97;
    private static final long TICK_MILLIS = 20;
    private static final long REPORT_MILLIS = 1000;
    /** Handshake threads: a handshake blocks one from its start to its end, at most the DTLS timeout (10 s). */
    static final int HANDSHAKE_THREADS = 64;
    /** A quarter of the threads per session and per address: four abusers are needed to crowd everyone out. */
    static final int HANDSHAKES_PER_SHARE = HANDSHAKE_THREADS / 4;
    /** Waiting handshakes per session or address; past it a link fails at once instead of waiting. */
    static final int WAITING_PER_SHARE = 4 * HANDSHAKES_PER_SHARE;

    private final MediaConfig config;
    private final MediaMetrics metrics;
    // owned by the media thread
    // keyed by the ids signaling speaks in; inside the router a transport holds its producer and consumer itself
    private final Map<String, WebRtcTransport> links = new HashMap<>();
    private final Map<String, Producer> streams = new HashMap<>();
    private final Map<String, SessionTap> taps = new HashMap<>();
    private final ActiveSpeakers speakers = new ActiveSpeakers();
    /** Each subscribing participant's downlink, by its connection id. */
    private final Map<String, Downlink> downlinks = new HashMap<>();
    /** Streams whose key frame request is queued for the media thread (any thread adds, the media thread removes). */
    private final Set<String> keyFrameRequestsPosted = ConcurrentHashMap.newKeySet();
    private final HandshakeQueue handshakeQueue = new HandshakeQueue(HANDSHAKE_THREADS, HANDSHAKES_PER_SHARE,
            HANDSHAKES_PER_SHARE, WAITING_PER_SHARE);
    // shared, thread-safe
    private final IceDropCounts iceDrops = new IceDropCounts();
    private final DtlsDropCounts dtlsDrops = new DtlsDropCounts();
    private final ExecutorService signals = Executors.newSingleThreadExecutor(daemonThreads("parley-media-events-"));
    private volatile MediaPort transport;
    private volatile Forwarder forwarder;
    private volatile DtlsCertificate certificate;
    private volatile List<String> announced;
    private volatile ExecutorService handshakes;
    /** The ICE-TCP port, 0 when TCP is off. */
    private volatile int tcpPort;
    private volatile ActiveSpeakerListener speakerListener;
    private volatile LayersListener layersListener;


    public MediaRouter(MediaConfig config, MeterRegistry registry) {
        this.config = config;
        this.metrics = new MediaMetrics(registry);
        metrics.register(registry, iceDrops, dtlsDrops);
    }

    /** Binds the port and starts the media thread's timers; the embedded platform calls it at start-up. */
    public void open() {
        certificate = DtlsCertificate.processCertificate();
        announced = config.announcedAddresses().orElseGet(AnnouncedAddresses::ofThisMachine);
        handshakes = new ThreadPoolExecutor(0, HANDSHAKE_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("parley-dtls-"));
        MediaPort media = new MediaPort(metrics);
        media.listen(config.host(), config.port(), new MediaPort.Receiver() {
            @Override
            public void onSrtp(WebRtcTransport link, byte[] packet, int length, long arrivalNanos) {
                MediaRouter.this.onSrtp(link, packet, length, arrivalNanos);
            }

            @Override
            public void onConnectivity(WebRtcTransport link) {
                maybeStartDtls(link);
            }
        });
        if (config.tcp().enabled()) {
            tcpPort = media.listenTcp(config.host(), config.tcp().port(), config.tcp().maxConnections(),
                    config.tcp().maxConnectionsPerAddress());
        }
        forwarder = new Forwarder(media, metrics, config.testReceiveLossPercent());
        transport = media;
        // NACKs, key frame requests and reports concern streams: with none, the media thread sleeps
        media.loop().every(TICK_MILLIS, () -> !streams.isEmpty(), this::tick);
        media.loop().every(REPORT_MILLIS, () -> !links.isEmpty(), this::report);
        media.loop().every(ActiveSpeakers.INTERVAL_MILLIS, () -> speakerListener != null && !streams.isEmpty(),
                this::judgeSpeakers);
        media.loop().readPromptlyWhile(this::packetsAwaited);
        LOG.infof("Media router announces %s:%d%s", announced, media.port(),
                tcpPort == 0 ? "" : " (UDP) and :" + tcpPort + " (TCP)");
    }

    void stop(@Observes ShutdownEvent event) {
        MediaPort media = transport;
        if (media != null) {
            onMediaThread(() -> {
                links.values().forEach(WebRtcTransport::close);
                media.close();
            });
            handshakes.shutdownNow();
        }
        signals.shutdownNow();
    }

    @Override
    public boolean available() {
        return transport != null;
    }

    @Override
    public String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone) {
        PublisherOffer offer;
        try {
            offer = PublisherOffer.parse(offerSdp, config.transportCc());
        } catch (SdpException e) {
            throw new NegotiationException(NegotiationException.Code.UNUSABLE_SDP,
                    "The router cannot use this offer: " + e.getMessage());
        }
        IceCredentials local = IceCredentials.generate();
        WebRtcTransport link = new WebRtcTransport(sessionId, linkId, WebRtcTransport.Kind.PUBLISHER, agent(local,
                offer.remoteIce().ufrag()), onGone);
        link.remoteFingerprint(dtlsFingerprint(offer.fingerprint()));
        String answer = AnswerBuilder.withRandomSessionId(endpoint(local)).build(offer).write();
        int videoPayloadType = payloadType(offer, MediaKind.VIDEO);
        int audioPayloadType = payloadType(offer, MediaKind.AUDIO);
        int videoRtxPayloadType = offer.media().stream().filter(m -> m.kind() == MediaKind.VIDEO)
                .flatMap(m -> m.rtx().stream()).mapToInt(RtpCodec::payloadType).findFirst().orElse(-1);
        Optional<Simulcast> simulcast = offer.media().stream().filter(m -> m.kind() == MediaKind.VIDEO)
                .flatMap(m -> m.simulcast().stream()).findFirst();
        int transportCcId = offer.media().stream().flatMap(m -> m.transportCcId().stream().boxed()).findFirst()
                .orElse(-1);
        byte[] extensionIds = ExtensionIds.translation(offer.media().stream()
                .filter(m -> m.kind() == MediaKind.AUDIO).findFirst()
                .map(m -> m.audioLevelId()).orElse(OptionalInt.empty()),
                transportCcId < 0 ? OptionalInt.empty() : OptionalInt.of(transportCcId));
        onMediaThread(() -> {
            if (links.containsKey(linkId)) {
                // signaling refuses a second offer on a link; should one get here, the first transport stays
                LOG.debugf("Link %s already has a transport; ignoring another offer", linkId);
                return;
            }
            Producer stream = streams.computeIfAbsent(streamId, Producer::new);
            stream.publisher(sessionId, link, videoPayloadType, videoRtxPayloadType, audioPayloadType, extensionIds);
            simulcast.ifPresent(s -> stream.simulcast(s.rids(), s.ridExtensionId(),
                    s.repairedRidExtensionId().orElse(-1)));
            stream.transportFeedback(transportCcId, System.nanoTime());
            links.put(linkId, link);
            link.carries(stream);
            transport.register(link);
            RtpObserver tap = taps.get(sessionId);
            if (tap != null) {
                stream.tap = tap;
                tap.streamStarted(streamId, audioPayloadType >= 0, videoPayloadType >= 0);
            }
        });
        return answer;
    }

    @Override
    public String subscribe(String sessionId, String streamId, String linkId, String subscriberId, Runnable onGone) {
        IceCredentials local = IceCredentials.generate();
        WebRtcTransport link = new WebRtcTransport(sessionId, linkId, WebRtcTransport.Kind.SUBSCRIBER, agent(local, null), onGone);
        long audioSsrc = randomSsrc();
        long videoSsrc = randomSsrc();
        long rtxSsrc = randomSsrc();
        // Forwarded packets keep the publisher's audio level and, renumbered per subscription, its transport-wide
        // sequence number, under the router's ids (see ExtensionIds).
        OptionalInt transportSequence = OptionalInt.of(ExtensionIds.TRANSPORT_SEQUENCE);
        List<OutgoingTrack> tracks = List.of(
                new OutgoingTrack(MediaKind.AUDIO, RtpCodec.opus(OPUS_PAYLOAD_TYPE), Optional.empty(), audioSsrc,
                        OptionalLong.empty(), "audio", OptionalInt.empty(), OptionalInt.empty(),
                        OptionalInt.of(ExtensionIds.AUDIO_LEVEL), transportSequence),
                new OutgoingTrack(MediaKind.VIDEO, RtpCodec.vp8(VP8_PAYLOAD_TYPE),
                        Optional.of(RtpCodec.rtx(RTX_PAYLOAD_TYPE, VP8_PAYLOAD_TYPE)), videoSsrc,
                        OptionalLong.of(rtxSsrc), "video", OptionalInt.empty(), OptionalInt.empty(),
                        OptionalInt.empty(), transportSequence));
        SessionDescription offer = SubscriberOfferBuilder.withRandomSessionId(endpoint(local))
                .build(streamId, "parley", tracks);
        Consumer subscription = new Consumer(link, videoSsrc, audioSsrc, VP8_PAYLOAD_TYPE,
                OPUS_PAYLOAD_TYPE, rtxSsrc);
        onMediaThread(() -> {
            if (links.containsKey(linkId)) {
                return;
            }
            Producer stream = streams.computeIfAbsent(streamId, Producer::new);
            links.put(linkId, link);
            link.carries(stream, subscription);
            transport.register(link);
            stream.add(subscription);
            downlinks.computeIfAbsent(subscriberId, id -> new Downlink()).add(subscription);
        });
        return offer.write();
    }

    @Override
    public void answer(String linkId, String offerSdp, String answerSdp) {
        SubscriberAnswer answer;
        try {
            answer = SubscriberAnswer.parse(answerSdp, SessionDescription.parse(offerSdp));
        } catch (SdpException e) {
            throw new NegotiationException(NegotiationException.Code.UNUSABLE_SDP,
                    "The router cannot use this answer: " + e.getMessage());
        }
        String remoteUfrag = answer.remoteIce().ufrag();
        if (!IceCredentials.isIceChars(remoteUfrag)) {
            throw new NegotiationException(NegotiationException.Code.UNUSABLE_SDP,
                    "The router cannot use this answer: its ICE ufrag is not 1 to 256 ice-chars");
        }
        DtlsFingerprint fingerprint = dtlsFingerprint(answer.fingerprint());
        // RTX for retransmissions only where the browser accepted the router's (apt = the VP8 the router sends)
        boolean rtx = answer.media().stream().filter(m -> m.kind() == MediaKind.VIDEO && m.accepted())
                .flatMap(m -> m.codecs().stream()).anyMatch(c -> c.payloadType() == RTX_PAYLOAD_TYPE
                        && c.encoding().equalsIgnoreCase("rtx"));
        onMediaThread(() -> {
            WebRtcTransport link = links.get(linkId);
            if (link == null || link.kind() != WebRtcTransport.Kind.SUBSCRIBER || link.remoteFingerprint() != null) {
                return;
            }
            link.ice().setRemoteUfrag(remoteUfrag);
            link.remoteFingerprint(fingerprint);
            if (rtx) {
                link.consumer().useRtx(RTX_PAYLOAD_TYPE);
            }
            maybeStartDtls(link);
        });
    }

    @Override
    public boolean simulcast() {
        return config.simulcast();
    }

    @Override
    public void onActiveSpeaker(ActiveSpeakerListener listener) {
        this.speakerListener = listener;
    }

    @Override
    public void onLayersWanted(LayersListener listener) {
        this.layersListener = listener;
    }

    @Override
    public void view(String linkId, int height) {
        onMediaThread(() -> {
            WebRtcTransport link = links.get(linkId);
            Consumer subscription = link == null ? null : link.consumer();
            if (subscription == null) {
                return;
            }
            subscription.maxHeight(height);
            if (height == 0) {
                // a hidden tile: nothing more is forwarded from now on (resumed, it starts again on the lowest)
                subscription.selection().target(LayerSelection.NONE);
            }
        });
    }

    @Override
    public void close(String linkId) {
        onMediaThread(() -> {
            WebRtcTransport link = links.remove(linkId);
            if (link == null) {
                return;
            }
            transport.unregister(link);
            link.close();
            HandshakeQueue.Request handshake = link.handshake();
            if (handshake != null) {
                // a running handshake releases its slot when its future completes (close() fails it)
                handshakeQueue.withdraw(handshake);
            }
            Producer stream = link.producer();
            if (link.kind() == WebRtcTransport.Kind.PUBLISHER) {
                RtpObserver tap = stream.tap;
                stream.tap = null;
                if (tap != null) {
                    tap.streamEnded(stream.streamId());
                }
                speakers.ended(stream);
                stream.publisherGone();
            } else {
                stream.remove(link.consumer());
                Downlink downlink = link.consumer().downlink();
                downlink.remove(link.consumer());
                if (downlink.isEmpty()) {
                    downlinks.values().remove(downlink);
                }
            }
            forget(stream);
            if (links.isEmpty()) {
                // the report that keeps the gauges current stops with the last link
                metrics.downlinks(List.of());
            }
        });
    }

    /**
     * Gives a session's published media, current and future, to {@code observer} (an archive's recorder; a session
     * may have several); the streams are asked for a key frame so that recording starts with a picture. The
     * observer is called on the media thread.
     */
    public void tap(String sessionId, RtpObserver observer) {
        onMediaThread(() -> {
            SessionTap tap = taps.computeIfAbsent(sessionId, id -> new SessionTap());
            tap.add(observer);
            for (Producer stream : streams.values()) {
                if (sessionId.equals(stream.sessionId()) && stream.publisher() != null) {
                    stream.tap = tap;
                    // only the newcomer hears of the streams already there
                    observer.streamStarted(stream.streamId(), stream.audioPayloadType() >= 0,
                            stream.videoPayloadType() >= 0);
                    stream.keyFrameWanted = true;
                }
            }
        });
    }

    /** Stops giving the session's media to {@code observer}; it gets {@link RtpObserver#streamEnded} per stream. */
    public void untap(String sessionId, RtpObserver observer) {
        onMediaThread(() -> {
            SessionTap tap = taps.get(sessionId);
            if (tap == null || !tap.remove(observer)) {
                return;
            }
            boolean last = tap.isEmpty();
            if (last) {
                taps.remove(sessionId);
            }
            for (Producer stream : streams.values()) {
                if (stream.tap == tap) {
                    observer.streamEnded(stream.streamId());
                    if (last) {
                        stream.tap = null;
                    }
                }
            }
        });
    }

    /**
     * Asks a stream's publisher for a key frame (throttled), e.g. when the recorder lost a frame. Recorders and
     * broadcasts ask on every packet while they wait for one; a request already on its way to the media thread
     * stands for them all, so waiting costs neither a queued task nor a wake-up per packet.
     */
    public void requestKeyFrame(String streamId) {
        if (!keyFrameRequestsPosted.add(streamId)) {
            return;
        }
        onMediaThread(() -> {
            keyFrameRequestsPosted.remove(streamId);
            Producer stream = streams.get(streamId);
            if (stream != null) {
                stream.keyFrameWanted = true;
            }
        });
    }

    /** The ICE-TCP port the router listens on, 0 when TCP is off. */
    public int tcpPort() {
        return tcpPort;
    }

    /** The UDP port the router listens on (the configured one, or the one picked for port 0). */
    public int port() {
        MediaPort media = transport;
        return media == null ? -1 : media.port();
    }

    /** What the router holds right now, read on the media thread: for tests and diagnostics. */
    public CompletableFuture<Census> census() {
        CompletableFuture<Census> census = new CompletableFuture<>();
        onMediaThread(() -> census.complete(new Census(links.size(), transport.registered(), streams.size(),
                handshakeQueue.running(), handshakeQueue.waiting())));
        return census;
    }

    /** Counts of the router's state; all zero once every client is gone and every handshake has ended. */
    public record Census(int links, int registeredTransports, int streams, int handshakesRunning,
                         int handshakesWaiting) {
    }

    /** Runs a state change on the media thread: at once when already there, else posted in order. */
    private void onMediaThread(Runnable change) {
        MediaPort media = transport;
        if (media == null) {
            // no router on this server: there is no state to change
            return;
        }
        MediaLoop loop = media.loop();
        if (loop.inLoop()) {
            change.run();
        } else {
            loop.execute(change);
        }
    }

    private void forget(Producer stream) {
        if (stream.isEmpty()) {
            streams.remove(stream.streamId(), stream);
        }
    }

    private void onSrtp(WebRtcTransport link, byte[] packet, int length, long arrivalNanos) {
        if (link.kind() == WebRtcTransport.Kind.PUBLISHER) {
            forwarder.fromPublisher(link.producer(), link, packet, length, arrivalNanos);
        } else {
            forwarder.fromSubscriber(link.producer(), link.consumer(), packet, length);
        }
    }

    /** Media thread: once the fingerprint is known and an ICE check proved the address, ask for a handshake. */
    private void maybeStartDtls(WebRtcTransport link) {
        InetSocketAddress remote = link.remote();
        if (link.isGone() || link.dtls() != null || link.remoteFingerprint() == null || remote == null
                || links.get(link.linkId()) != link) {
            return;
        }
        // made now, started on admission: the browser's ClientHello waits in the endpoint's queue meanwhile
        DtlsServerEndpoint endpoint = new DtlsServerEndpoint(certificate, link.remoteFingerprint(),
                transport.sender(link), dtlsDrops);
        HandshakeQueue.Request request = new HandshakeQueue.Request(link.sessionId(), remote.getAddress(),
                () -> runHandshake(link, endpoint));
        link.dtls(endpoint, request);
        link.releaseEarlyDtls(endpoint);
        if (handshakeQueue.submit(request) == HandshakeQueue.Admission.REFUSED) {
            LOG.debugf("Too many handshakes waiting for session %s or %s; link %s fails", link.sessionId(),
                    remote.getAddress(), link.linkId());
            dtlsDrops.increment(DtlsDropReason.EXECUTOR_REJECTED);
            endpoint.close();
            lost(link);
        }
    }

    private void runHandshake(WebRtcTransport link, DtlsServerEndpoint endpoint) {
        endpoint.start(handshakes).whenComplete((keys, failure) -> transport.loop().execute(() -> {
            handshakeQueue.finished(link.handshake());
            if (links.get(link.linkId()) != link) {
                // closed meanwhile: nothing to install, nobody to tell
                return;
            }
            if (failure != null) {
                LOG.debugf("DTLS with link %s failed: %s", link.linkId(), failure.getMessage());
                lost(link);
                return;
            }
            link.installKeys(keys);
            for (WebRtcTransport.EarlyPacket early : link.takeEarlySrtp()) {
                onSrtp(link, early.datagram(), early.datagram().length, early.arrivalNanos());
            }
            // a new subscriber needs a key frame to start decoding, unless it was held for it during the
            // handshake; a new publisher's first one is on its way
            boolean started = link.kind() == WebRtcTransport.Kind.SUBSCRIBER && link.consumer() != null
                    && forwarder.releaseHeld(link.consumer());
            if (!started) {
                link.producer().keyFrameWanted = true;
            }
        }));
    }

    /** Media thread: the peer is lost; signaling is told on its own thread, and closes the link through {@link #close}. */
    private void lost(WebRtcTransport link) {
        Runnable tell = link.gone();
        if (tell != null) {
            signals.execute(tell);
        }
    }

    /**
     * Whether a datagram must be handled as it arrives: a stream is forwarded or recorded, or a link is still
     * connecting (its ICE and DTLS). Otherwise (publishers nobody receives yet) the packets wait for the next tick,
     * at most 20 ms, which no one notices. Media thread only.
     */
    private boolean packetsAwaited() {
        if (!taps.isEmpty()) {
            return true;
        }
        for (Producer stream : streams.values()) {
            // the publisher's own estimator reads the arrival times the router reports: read 20 ms late they
            // arrive in bursts, and its probes of the uplink fail for looking infinitely fast
            if (!stream.subscriptions().isEmpty()
                    || stream.transportFeedback() != null && stream.publisher() != null) {
                return true;
            }
        }
        for (WebRtcTransport link : links.values()) {
            if (!link.secure()) {
                return true;
            }
        }
        return false;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Producer stream : streams.values()) {
            forwarder.tick(stream, now);
        }
        for (Downlink downlink : downlinks.values()) {
            Consumer padded = downlink.padded();
            if (padded != null) {
                forwarder.pad(padded, downlink.probe().paddingDue(now));
            }
        }
    }

    /** Media thread: signaling hears of new active speakers on its own thread, as of lost peers. */
    private void judgeSpeakers() {
        ActiveSpeakerListener listener = speakerListener;
        for (ActiveSpeakers.Change change : speakers.evaluate(streams.values())) {
            signals.execute(() -> listener.activeSpeaker(change.sessionId(), change.streamId()));
        }
    }

    private void report() {
        long now = System.nanoTime();
        for (Producer stream : streams.values()) {
            forwarder.report(stream, now);
        }
        for (Downlink downlink : downlinks.values()) {
            downlink.allocate(now);
        }
        metrics.downlinks(downlinks.values());
        LayersListener listener = layersListener;
        for (Producer stream : streams.values()) {
            if (listener != null && stream.simulcast() && stream.publisher() != null) {
                tellLayersNeeded(listener, stream);
            }
        }
        for (WebRtcTransport link : links.values()) {
            if (!link.ice().isAlive(now)) {
                // RFC 7675: no consent for its timeout means the peer is gone
                lost(link);
            }
        }
    }

    /** Media thread: the publisher hears when the layers anyone needs change, on signaling's thread. */
    private void tellLayersNeeded(LayersListener listener, Producer stream) {
        int needed = LayerDemand.layersNeeded(stream);
        if (needed == stream.layersTold) {
            return;
        }
        stream.layersTold = needed;
        List<String> rids = new ArrayList<>();
        for (int i = 0; i < needed; i++) {
            rids.add(stream.layers()[i].rid);
        }
        String sessionId = stream.sessionId();
        String streamId = stream.streamId();
        signals.execute(() -> listener.layersWanted(sessionId, streamId, rids));
    }

    private IceLiteAgent agent(IceCredentials local, String remoteUfrag) {
        IceLiteAgent agent = new IceLiteAgent(local, iceDrops, System.nanoTime());
        if (remoteUfrag != null) {
            agent.setRemoteUfrag(remoteUfrag);
        }
        return agent;
    }

    private RouterEndpoint endpoint(IceCredentials local) {
        return new RouterEndpoint(local, Fingerprint.sha256(certificate.fingerprint().value()), announced,
                transport.port(), tcpPort);
    }

    /** The SDP attribute's digest as the DTLS endpoint checks it: by bytes, never by re-parsing text. */
    private static DtlsFingerprint dtlsFingerprint(Fingerprint remote) {
        try {
            return DtlsFingerprint.of(remote.hashFunction(), remote.digest());
        } catch (IllegalArgumentException e) {
            throw new NegotiationException(NegotiationException.Code.UNUSABLE_SDP,
                    "The router cannot use this fingerprint: " + e.getMessage());
        }
    }

    private static int payloadType(PublisherOffer offer, MediaKind kind) {
        return offer.media().stream().filter(m -> m.kind() == kind).map(PublishedMedia::codec)
                .mapToInt(RtpCodec::payloadType).findFirst().orElse(-1);
    }

    private static long randomSsrc() {
        return ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
