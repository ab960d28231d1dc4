package io.parley.embedded.media.router;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.ParleyConfig;
import io.parley.embedded.media.dtls.DtlsCertificate;
import io.parley.embedded.media.dtls.DtlsDropCounts;
import io.parley.embedded.media.dtls.DtlsFingerprint;
import io.parley.embedded.media.dtls.DtlsServerEndpoint;
import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.sdp.AnswerBuilder;
import io.parley.embedded.media.sdp.CodecPolicy;
import io.parley.embedded.media.sdp.Fingerprint;
import io.parley.embedded.media.sdp.MediaKind;
import io.parley.embedded.media.sdp.OutgoingTrack;
import io.parley.embedded.media.sdp.PublishedMedia;
import io.parley.embedded.media.sdp.PublisherOffer;
import io.parley.embedded.media.sdp.RouterEndpoint;
import io.parley.embedded.media.sdp.RtpCodec;
import io.parley.embedded.media.sdp.SdpException;
import io.parley.embedded.media.sdp.SessionDescription;
import io.parley.embedded.media.sdp.SubscriberAnswer;
import io.parley.embedded.media.sdp.SubscriberOfferBuilder;
import io.parley.embedded.signaling.RoutedMedia;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded platform's media router (SFU): one UDP port, ICE-lite, DTLS-SRTP, and RTP forwarded without
 * transcoding. Signaling hands it SDP through {@link RoutedMedia}; packets never leave its media thread.
 */
@ApplicationScoped
public class MediaRouter implements RoutedMedia {

    private static final Logger LOG = Logger.getLogger(MediaRouter.class);
    /** The router's offers use these payload types; forwarded packets are rewritten to them. */
    static final int OPUS_PAYLOAD_TYPE = 111;
    static final int VP8_PAYLOAD_TYPE = 96;
    private static final long TICK_MILLIS = 20;
    private static final long REPORT_MILLIS = 1000;

    private final MediaConfig config;
    private final ParleyConfig parley;
    private final MediaMetrics metrics;
    private final Vertx vertx;
    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    private final Map<String, RoutedStream> publishedBy = new ConcurrentHashMap<>();
    private final Map<String, Subscribed> subscribedBy = new ConcurrentHashMap<>();
    private final Map<String, RoutedStream> streams = new ConcurrentHashMap<>();
    private final Map<String, SessionDescription> offers = new ConcurrentHashMap<>();
    private final Map<String, StreamTap> taps = new ConcurrentHashMap<>();
    private final IceDropCounts iceDrops = new IceDropCounts();
    private final DtlsDropCounts dtlsDrops = new DtlsDropCounts();
    private volatile MediaTransport transport;
    private volatile Forwarder forwarder;
    private volatile DtlsCertificate certificate;
    private volatile List<String> announced;
    private ExecutorService handshakes;

    private record Subscribed(RoutedStream stream, Subscription subscription) {
    }

    public MediaRouter(MediaConfig config, ParleyConfig parley, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.parley = parley;
        this.metrics = new MediaMetrics(registry);
        this.vertx = vertx;
    }

    /** Binds the media port at start-up on the embedded platform, so a port in use fails start-up, not a call. */
    void start(@Observes StartupEvent event) {
        if (parley.platform() != ParleyConfig.Platform.embedded) {
            return;
        }
        certificate = DtlsCertificate.processCertificate();
        announced = config.announcedAddresses().orElseGet(AnnouncedAddresses::ofThisMachine);
        handshakes = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("parley-dtls-"));
        MediaTransport media = new MediaTransport(vertx, metrics);
        media.listen(config.host(), config.port(), this::onSrtp);
        forwarder = new Forwarder(media, metrics, config.testReceiveLossPercent());
        transport = media;
        media.context().runOnContext(v -> {
            vertx.setPeriodic(TICK_MILLIS, id -> tick());
            vertx.setPeriodic(REPORT_MILLIS, id -> report());
        });
        LOG.infof("Media router announces %s:%d", announced, media.port());
    }

    void stop(@Observes ShutdownEvent event) {
        MediaTransport media = transport;
        if (media != null) {
            links.values().forEach(PeerLink::close);
            media.close();
            handshakes.shutdownNow();
        }
    }

    @Override
    public boolean available() {
        return transport != null;
    }

    @Override
    public String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone) {
        PublisherOffer offer;
        try {
            offer = PublisherOffer.parse(offerSdp, CodecPolicy.VP8_ONLY);
        } catch (SdpException e) {
            throw new IllegalArgumentException("The router cannot use this offer: " + e.getMessage());
        }
        IceCredentials local = IceCredentials.generate();
        PeerLink link = new PeerLink(linkId, PeerLink.Kind.PUBLISHER, agent(local, offer.remoteIce().ufrag()), onGone);
        String answer = AnswerBuilder.withRandomSessionId(endpoint(local)).build(offer).write();
        RoutedStream stream = streams.computeIfAbsent(streamId, RoutedStream::new);
        int videoPayloadType = payloadType(offer, MediaKind.VIDEO);
        int audioPayloadType = payloadType(offer, MediaKind.AUDIO);
        stream.publisher(sessionId, link, videoPayloadType, audioPayloadType);
        links.put(linkId, link);
        publishedBy.put(linkId, stream);
        transport.register(link);
        startDtls(link, offer.fingerprint(), stream);
        StreamTap tap = taps.get(sessionId);
        if (tap != null) {
            stream.tap = tap;
            tap.streamStarted(streamId, audioPayloadType >= 0, videoPayloadType >= 0);
        }
        return answer;
    }

    @Override
    public String subscribe(String sessionId, String streamId, String linkId, Runnable onGone) {
        IceCredentials local = IceCredentials.generate();
        PeerLink link = new PeerLink(linkId, PeerLink.Kind.SUBSCRIBER, agent(local, null), onGone);
        long audioSsrc = randomSsrc();
        long videoSsrc = randomSsrc();
        // no header extensions: the publisher's ids and MID values mean nothing on this connection
        List<OutgoingTrack> tracks = List.of(
                new OutgoingTrack(MediaKind.AUDIO, RtpCodec.opus(OPUS_PAYLOAD_TYPE), Optional.empty(), audioSsrc,
                        OptionalLong.empty(), "audio", OptionalInt.empty(), OptionalInt.empty()),
                new OutgoingTrack(MediaKind.VIDEO, RtpCodec.vp8(VP8_PAYLOAD_TYPE), Optional.empty(), videoSsrc,
                        OptionalLong.empty(), "video", OptionalInt.empty(), OptionalInt.empty()));
        SessionDescription offer = SubscriberOfferBuilder.withRandomSessionId(endpoint(local))
                .build(streamId, "parley", tracks);
        RoutedStream stream = streams.computeIfAbsent(streamId, RoutedStream::new);
        Subscription subscription = new Subscription(link, videoSsrc, audioSsrc, VP8_PAYLOAD_TYPE,
                OPUS_PAYLOAD_TYPE);
        links.put(linkId, link);
        offers.put(linkId, offer);
        subscribedBy.put(linkId, new Subscribed(stream, subscription));
        transport.register(link);
        stream.add(subscription);
        return offer.write();
    }

    @Override
    public void answer(String linkId, String answerSdp) {
        PeerLink link = links.get(linkId);
        SessionDescription offer = offers.remove(linkId);
        Subscribed subscribed = subscribedBy.get(linkId);
        if (link == null || offer == null || subscribed == null) {
            throw new IllegalArgumentException("This link is not waiting for an answer");
        }
        SubscriberAnswer answer;
        try {
            answer = SubscriberAnswer.parse(answerSdp, offer);
        } catch (SdpException e) {
            throw new IllegalArgumentException("The router cannot use this answer: " + e.getMessage());
        }
        link.ice().setRemoteUfrag(answer.remoteIce().ufrag());
        startDtls(link, answer.fingerprint(), subscribed.stream());
    }

    @Override
    public void close(String linkId) {
        PeerLink link = links.remove(linkId);
        if (link == null) {
            return;
        }
        transport.unregister(link);
        link.close();
        offers.remove(linkId);
        RoutedStream published = publishedBy.remove(linkId);
        if (published != null) {
            StreamTap tap = published.tap;
            published.tap = null;
            if (tap != null) {
                tap.streamEnded(published.streamId());
            }
            published.publisherGone();
            forget(published);
        }
        Subscribed subscribed = subscribedBy.remove(linkId);
        if (subscribed != null) {
            subscribed.stream().remove(linkId);
            forget(subscribed.stream());
        }
    }

    /**
     * Gives a session's published media, current and future, to {@code tap} (the recorder); the streams are asked
     * for a key frame so that recording starts with a picture.
     */
    public void tap(String sessionId, StreamTap tap) {
        taps.put(sessionId, tap);
        for (RoutedStream stream : streams.values()) {
            if (sessionId.equals(stream.sessionId()) && stream.publisher() != null) {
                stream.tap = tap;
                tap.streamStarted(stream.streamId(), stream.audioPayloadType() >= 0, stream.videoPayloadType() >= 0);
                stream.keyFrameWanted = true;
            }
        }
    }

    /** Stops giving the session's media to its tap; each tapped stream gets {@link StreamTap#streamEnded}. */
    public void untap(String sessionId) {
        StreamTap tap = taps.remove(sessionId);
        if (tap == null) {
            return;
        }
        for (RoutedStream stream : streams.values()) {
            if (stream.tap == tap) {
                stream.tap = null;
                tap.streamEnded(stream.streamId());
            }
        }
    }

    /** Asks a stream's publisher for a key frame (throttled), e.g. when the recorder lost a frame. */
    public void requestKeyFrame(String streamId) {
        RoutedStream stream = streams.get(streamId);
        if (stream != null) {
            stream.keyFrameWanted = true;
        }
    }

    /** The UDP port the router listens on (the configured one, or the one picked for port 0). */
    public int port() {
        MediaTransport media = transport;
        return media == null ? -1 : media.port();
    }

    private void forget(RoutedStream stream) {
        if (stream.isEmpty()) {
            streams.remove(stream.streamId(), stream);
        }
    }

    private void onSrtp(PeerLink link, byte[] packet, int length) {
        if (link.kind() == PeerLink.Kind.PUBLISHER) {
            RoutedStream stream = publishedBy.get(link.linkId());
            if (stream != null) {
                forwarder.fromPublisher(stream, link, packet, length);
            }
        } else {
            Subscribed subscribed = subscribedBy.get(link.linkId());
            if (subscribed != null) {
                forwarder.fromSubscriber(subscribed.stream(), subscribed.subscription(), packet, length);
            }
        }
    }

    private void startDtls(PeerLink link, Fingerprint remote, RoutedStream stream) {
        DtlsServerEndpoint endpoint = new DtlsServerEndpoint(certificate,
                DtlsFingerprint.parse(remote.hashFunction() + " " + remote.hex()), transport.sender(link), dtlsDrops);
        link.dtls(endpoint);
        endpoint.start(handshakes).whenComplete((keys, failure) -> transport.context().runOnContext(v -> {
            if (failure != null) {
                LOG.debugf("DTLS with link %s failed: %s", link.linkId(), failure.getMessage());
                link.gone();
                return;
            }
            link.installKeys(keys);
            // a new subscriber needs a key frame to start decoding; a new publisher's first one is on its way
            stream.keyFrameWanted = true;
        }));
    }

    private void tick() {
        long now = System.nanoTime();
        for (RoutedStream stream : streams.values()) {
            forwarder.tick(stream, now);
        }
    }

    private void report() {
        long now = System.nanoTime();
        for (RoutedStream stream : streams.values()) {
            forwarder.report(stream, now);
        }
        for (PeerLink link : links.values()) {
            if (!link.ice().isAlive(now)) {
                // RFC 7675: no consent for its timeout means the peer is gone
                link.gone();
            }
        }
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
                transport.port());
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
