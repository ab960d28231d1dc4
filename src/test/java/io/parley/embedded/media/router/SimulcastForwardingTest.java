package io.parley.embedded.media.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.embedded.media.dtls.DtlsCertificate;
import io.parley.embedded.media.dtls.DtlsDropCounts;
import io.parley.embedded.media.dtls.DtlsFingerprint;
import io.parley.embedded.media.dtls.DtlsServerEndpoint;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.rtcp.GenericNack;
import io.parley.embedded.media.rtcp.TransportFeedback;
import io.parley.embedded.media.rtp.RtpHeader;
import io.parley.embedded.media.rtp.Vp8;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulcast on the forwarding path with real SRTP: layers told apart by their rid until their SSRCs are known, one
 * layer per subscriber, a switch only at the target layer's key frame, and the subscriber's stream continuous across
 * it (sequence numbers, timestamps, VP8 picture ids), its NACKs answered from the layer each packet came from.
 */
class SimulcastForwardingTest {

    private static final long[] SSRCS = {0x1111, 0x2222, 0x3333};
    private static final int[] HEIGHTS = {120, 240, 480};
    private static final int SUBSCRIBER_PORT = 50001;
    private static final int NEW_SUBSCRIBER_PORT = 50002;
    /** The publisher's id of its transport-wide sequence numbers. */
    private static final int PUBLISHER_TRANSPORT_ID = 12;
    private int publisherTransportSequence = 40_000;
    private final List<byte[]> sent = new ArrayList<>();
    /** What reaches a subscriber whose handshake is still running when the stream's key frame comes. */
    private final List<byte[]> sentToNew = new ArrayList<>();
    private final SrtpKeyMaterial publisherKeys = ForwarderTest.keys();
    private final SrtpKeyMaterial subscriberKeys = ForwarderTest.keys();
    private final WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
    private final WebRtcTransport subscriberLink = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
    private final Producer stream = new Producer("stream");
    private final Consumer subscriber = new Consumer(subscriberLink, 1000, 2000, 96, 111, 3000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MediaMetrics metrics = new MediaMetrics(registry);
    /** What reaches the subscriber (the publisher's own RTCP, its key frame requests, goes elsewhere). */
    private final Forwarder forwarder = new Forwarder((to, bytes, length) -> {
        if (to.getPort() == SUBSCRIBER_PORT) {
            sent.add(Arrays.copyOf(bytes, length));
        } else if (to.getPort() == NEW_SUBSCRIBER_PORT) {
            sentToNew.add(Arrays.copyOf(bytes, length));
        }
    }, metrics, 0);
    private final SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(),
            publisherKeys.clientWriteKey(), publisherKeys.clientWriteSalt()));
    private final SrtpContext atSubscriber = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
            subscriberKeys.serverWriteKey(), subscriberKeys.serverWriteSalt()));
    /** The subscriber's browser's SRTCP: one context, so that its index (replay protection) goes on. */
    private final SrtpContext subscriberBrowser = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
            subscriberKeys.clientWriteKey(), subscriberKeys.clientWriteSalt()));
    private final int[] sequence = {100, 5000, 30000};
    private final long[] timestamp = {1_000, 500_000, 90_000_000};
    private final int[] pictureId = {10, 2000, 30000};

    @BeforeEach
    void publish() {
        stream.publisher("session", publisher, 96, 97, 111,
                ExtensionIds.translation(OptionalInt.empty(), OptionalInt.of(PUBLISHER_TRANSPORT_ID)));
        stream.simulcast(List.of("q", "h", "f"), 10, 11);
        stream.add(subscriber);
        subscriberLink.carries(stream, subscriber);
    }

    @Test
    void layersAreToldApartByRidAndASubscriberStartsOnTheLowestAtItsKeyFrame() {
        frame(1, false);
        frame(0, false);
        assertThat(received()).as("nothing before the lowest layer's key frame").isEmpty();
        assertThat(stream.layers()[1].ssrc).as("learned from the rid").isEqualTo(SSRCS[1]);

        frame(0, true);
        frame(1, true);
        frame(0, false);
        List<RtpHeader> got = received();
        assertThat(got).hasSize(2).allSatisfy(h -> assertThat(h.ssrc()).isEqualTo(1000));
        assertThat(got.get(1).sequenceNumber()).isEqualTo((got.get(0).sequenceNumber() + 1) & 0xFFFF);
        assertThat(stream.layers()[0].height).as("read from the key frame").isEqualTo(120);
        assertThat(stream.layers()[1].height).isEqualTo(240);
    }

    /**
     * A subscriber joining: the key frame asked for when its link's first packet came arrives during its DTLS
     * handshake. It is held, renumbered, and sent the moment the keys are, followed by the live stream with no gap;
     * a handshake that outlasts what may be held lets go of it all, and the subscriber starts at a later key frame.
     */
    @Test
    void theKeyFrameThatCameDuringTheHandshakeReachesTheSubscriberWithItsKeys() {
        SrtpKeyMaterial keys = ForwarderTest.keys();
        Consumer joining = handshaking("joining");
        frame(0, false);
        frame(0, true);
        frame(0, false);
        assertThat(sentToNew).as("no keys yet: nothing sent").isEmpty();
        joining.link().installKeys(keys);
        assertThat(forwarder.releaseHeld(joining)).as("it starts at a key frame").isTrue();
        frame(0, false);
        SrtpContext at = new SrtpContext(SrtpKeys.derive(keys.profile(), keys.serverWriteKey(),
                keys.serverWriteSalt()));
        List<Integer> sequenceNumbers = new ArrayList<>();
        List<Boolean> keyFrames = new ArrayList<>();
        for (byte[] datagram : sentToNew) {
            int plain = at.unprotect(datagram, 0, datagram.length);
            assertThat(plain).as("encrypted with the keys the handshake gave").isPositive();
            RtpHeader header = RtpHeader.parse(Arrays.copyOf(datagram, plain));
            assertThat(header.ssrc()).isEqualTo(1001);
            sequenceNumbers.add(header.sequenceNumber());
            keyFrames.add(Vp8.isKeyFrame(datagram, header.payloadOffset(), header.payloadLength()));
        }
        assertThat(keyFrames).as("the key frame and what followed it, held; then the live packet")
                .containsExactly(true, false, false);
        assertThat(sequenceNumbers.get(1)).isEqualTo((sequenceNumbers.get(0) + 1) & 0xFFFF);
        assertThat(sequenceNumbers.get(2)).isEqualTo((sequenceNumbers.get(0) + 2) & 0xFFFF);
        assertThat(registry.get("parley.media.held.packets").functionCounter().count()).isEqualTo(2);

        Consumer slow = handshaking("slow");
        frame(0, true);
        for (int i = 0; i < HeldPackets.CAPACITY; i++) {
            frame(0, false);
        }
        slow.link().installKeys(ForwarderTest.keys());
        assertThat(forwarder.releaseHeld(slow)).as("more than may be held: none is, a later key frame").isFalse();
    }

    /** A subscriber on this stream whose link proved its address and started its handshake, with no keys yet. */
    private Consumer handshaking(String id) {
        WebRtcTransport link = new WebRtcTransport("session", id, WebRtcTransport.Kind.SUBSCRIBER,
                new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime()), () -> { });
        link.remote(new InetSocketAddress("127.0.0.1", NEW_SUBSCRIBER_PORT));
        link.dtls(new DtlsServerEndpoint(DtlsCertificate.processCertificate(),
                DtlsFingerprint.sha256(new byte[] {1}), datagram -> { }, new DtlsDropCounts()), null);
        Consumer subscription = new Consumer(link, 1001, 2001, 96, 111, 3001);
        stream.add(subscription);
        link.carries(stream, subscription);
        return subscription;
    }

    @Test
    void aSwitchWaitsForTheTargetsKeyFrameAndTheStreamStaysContinuous() {
        frame(0, true);
        frame(0, false);
        subscriber.selection().target(2);
        frame(2, false);
        frame(0, false);
        List<RtpHeader> before = received();
        assertThat(before).as("layer 0 goes on until layer 2's key frame").hasSize(3);
        RtpHeader last = before.get(2);
        int lastPicture = Vp8.pictureId(last.data(), last.payloadOffset(), last.payloadLength());

        frame(2, true);
        frame(0, false);
        frame(2, false);
        List<RtpHeader> after = received();
        assertThat(after).as("layer 2 from its key frame, layer 0 no more").hasSize(2);
        assertThat(after.get(0).sequenceNumber()).isEqualTo((last.sequenceNumber() + 1) & 0xFFFF);
        assertThat(after.get(1).sequenceNumber()).isEqualTo((last.sequenceNumber() + 2) & 0xFFFF);
        assertThat(after.get(0).timestamp() - last.timestamp()).as("time goes on").isBetween(1L, 90_000L);
        assertThat(Vp8.pictureId(after.get(0).data(), after.get(0).payloadOffset(), after.get(0).payloadLength()))
                .isEqualTo((lastPicture + 1) & 0x7FFF);
        assertThat(Vp8.keyFrameHeight(after.get(0).data(), after.get(0).payloadOffset(),
                after.get(0).payloadLength())).isEqualTo(480);
        assertThat(metrics.layerSwitchesUp.value() + metrics.layerSwitchesDown.value()).isEqualTo(1);

        // a NACK of the switch's first packet is answered (on RTX) with layer 2's key frame packet, renumbered as sent
        subscriber.useRtx(97);
        SrtpContext subscriberBrowser = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.clientWriteKey(), subscriberKeys.clientWriteSalt()));
        byte[] nack = new byte[64];
        int n = GenericNack.write(nack, 0, 0x5555, 1000, new int[] {after.get(0).sequenceNumber()}, 1);
        forwarder.fromSubscriber(stream, subscriber, nack, subscriberBrowser.protectRtcp(nack, 0, n));
        List<RtpHeader> resent = received();
        assertThat(resent).hasSize(1);
        RtpHeader rtx = resent.get(0);
        assertThat(rtx.ssrc()).isEqualTo(3000);
        byte[] data = rtx.data();
        int osn = (data[rtx.payloadOffset()] & 0xFF) << 8 | (data[rtx.payloadOffset() + 1] & 0xFF);
        assertThat(osn).isEqualTo(after.get(0).sequenceNumber());
        assertThat(rtx.timestamp()).isEqualTo(after.get(0).timestamp());
        assertThat(Vp8.keyFrameHeight(data, rtx.payloadOffset() + 2, rtx.payloadLength() - 2)).isEqualTo(480);

        // the last packet of layer 0 is not resent: the decoder starts over at layer 2's key frame
        n = GenericNack.write(nack, 0, 0x5555, 1000, new int[] {last.sequenceNumber()}, 1);
        forwarder.fromSubscriber(stream, subscriber, nack, subscriberBrowser.protectRtcp(nack, 0, n));
        assertThat(received()).as("a packet of the layer switched away from").isEmpty();
    }

    @Test
    void nacksOfPacketsThePublishersUplinkLostAreNoSignOfAFullDownlink() {
        Downlink downlink = new Downlink();
        downlink.add(subscriber);
        for (VideoLayer layer : stream.layers()) {
            layer.bitrate = 100_000; // all three sending
        }
        frame(0, true);
        subscriber.selection().target(1);
        frame(1, true);
        List<RtpHeader> forwarded = received();
        int last = forwarded.get(forwarded.size() - 1).sequenceNumber();
        sequence[1] += 20; // lost between the publisher and the router, so never forwarded
        frame(1, false);
        assertThat(received().get(0).sequenceNumber()).as("the gap goes on to the subscriber")
                .isEqualTo((last + 21) & 0xFFFF);
        nack(IntStream.rangeClosed(1, 20).map(i -> (last + i) & 0xFFFF).toArray());
        assertThat(subscriber.selection().target()).as("still on layer 1").isEqualTo(1);

        // the same number of NACKs for packets the router did send: its downlink lost them, and is full
        int from = (last + 22) & 0xFFFF;
        for (int i = 0; i < 20; i++) {
            frame(1, false);
        }
        received();
        nack(IntStream.range(0, 20).map(i -> (from + i) & 0xFFFF).toArray());
        assertThat(metrics.retransmissions.value()).as("resent").isEqualTo(20);
        assertThat(subscriber.selection().target()).as("one layer down").isEqualTo(0);
    }

    /**
     * Each subscription numbers the packets it sends for its browser's transport-wide feedback, media, resent and
     * padding alike, in one sequence of its own (the publisher's numbers count another connection's packets); the
     * feedback, read, shows a queue, and the downlink steps down on it.
     */
    @Test
    void aSubscriptionNumbersItsPacketsForItsFeedbackAndAQueueInTheFeedbackStepsItDown() {
        Downlink downlink = new Downlink();
        downlink.add(subscriber);
        subscriber.useRtx(97);
        for (VideoLayer layer : stream.layers()) {
            layer.bitrate = 100_000;
        }
        long t = 5_000_000_000_000L;
        frame(0, true, t);
        subscriber.selection().target(1);
        frame(1, true, t + 10_000_000L);
        frame(1, false, t + 20_000_000L);
        List<RtpHeader> forwarded = received();
        assertThat(forwarded).extracting(h -> h.transportSequenceNumber(ExtensionIds.TRANSPORT_SEQUENCE))
                .as("the subscription's own numbers, not the publisher's 40,000s").containsExactly(0, 1, 2);
        byte[] nack = new byte[64];
        int n = GenericNack.write(nack, 0, 0x5555, 1000, new int[] {forwarded.get(2).sequenceNumber()}, 1);
        forwarder.fromSubscriber(stream, subscriber, nack, subscriberBrowser.protectRtcp(nack, 0, n));
        forwarder.pad(subscriber, 100);
        List<RtpHeader> onRtx = received();
        assertThat(onRtx).extracting(RtpHeader::ssrc).as("a resend and padding, on RTX").containsExactly(3000L, 3000L);
        assertThat(onRtx).extracting(h -> h.transportSequenceNumber(ExtensionIds.TRANSPORT_SEQUENCE))
                .as("numbered on").containsExactly(3, 4);

        // the browser's feedback: 0 to 2 on a 20 ms path, then packets queued 100 ms, then 320 ms
        feedback(new int[] {0, 1, 2}, new long[] {t + 20_000_000L, t + 30_000_000L, t + 40_000_000L});
        frame(1, false, t + 100_000_000L);
        frame(1, false, t + 110_000_000L);
        frame(1, false, t + 120_000_000L);
        assertThat(received()).extracting(h -> h.transportSequenceNumber(ExtensionIds.TRANSPORT_SEQUENCE))
                .containsExactly(5, 6, 7);
        feedback(new int[] {5, 6}, new long[] {t + 220_000_000L, t + 230_000_000L});
        assertThat(subscriber.selection().target()).as("100 ms for a moment: maybe a burst").isEqualTo(1);
        feedback(new int[] {7}, new long[] {t + 460_000_000L});
        assertThat(subscriber.selection().target()).as("320 ms, one packet: a receiver that read late").isEqualTo(1);
        frame(1, false, t + 180_000_000L);
        frame(1, false, t + 240_000_000L);
        feedback(new int[] {8, 9}, new long[] {t + 520_000_000L, t + 580_000_000L});
        assertThat(subscriber.selection().target()).as("320 ms for packets sent over 120 ms: one layer down")
                .isZero();
        assertThat(metrics.standingQueues.value()).isEqualTo(1);
        assertThat(metrics.transportFeedbackReceived.value()).isEqualTo(4);
    }

    /** The subscriber's browser reports when each of {@code sequences} arrived (router clock, nanoseconds). */
    private void feedback(int[] sequences, long[] arrivalNanos) {
        TransportFeedback feedback = new TransportFeedback(0);
        for (int i = 0; i < sequences.length; i++) {
            feedback.onPacket(sequences[i], 1000, arrivalNanos[i]);
        }
        byte[] packet = new byte[1500];
        int n = feedback.write(packet, 0, 0x5555);
        forwarder.fromSubscriber(stream, subscriber, packet, subscriberBrowser.protectRtcp(packet, 0, n));
    }

    private void nack(int[] sequenceNumbers) {
        byte[] nack = new byte[256];
        int n = GenericNack.write(nack, 0, 0x5555, 1000, sequenceNumbers, sequenceNumbers.length);
        forwarder.fromSubscriber(stream, subscriber, nack, subscriberBrowser.protectRtcp(nack, 0, n));
        sent.clear();
    }

    /**
     * Lip sync across a switch: the layers' sender reports say which of their timestamps are the same instant, so
     * the new layer continues on the old one's timeline exactly, and its sender reports, rewritten, keep the
     * subscriber's NTP/RTP mapping where it was. (Guessed from arrival times here, the switch would go out at 4,001.)
     */
    @Test
    void aSwitchContinuesOnTheTimelineTheLayersSenderReportsGiveIt() {
        frame(0, true);
        frame(0, false);                                        // layer 0 at 4,000 now: forwarded as it is
        frame(2, false);                                        // at 90,000,000, not forwarded; its SSRC is known
        long ntp = 0xE8F1_2345_0000_0000L;
        long second = 1L << 32;
        assertThat(senderReport(0, ntp, 4_000)).containsExactly(4_000L);
        // layer 2 stamps the same instant 89,998,500: its key frame at 90,003,000 is 50 ms later
        assertThat(senderReport(2, ntp + second, 89_998_500L + 90_000)).as("not the layer it gets").isEmpty();
        subscriber.selection().target(2);
        received();

        frame(2, true);
        frame(2, false);
        List<RtpHeader> after = received();
        assertThat(after.get(0).timestamp()).as("50 ms after layer 0's 4,000").isEqualTo(4_000L + 4_500);
        assertThat(after.get(1).timestamp()).isEqualTo(4_000L + 4_500 + 3_000);
        assertThat(senderReport(0, ntp + 2 * second, 4_000 + 180_000)).as("no longer the layer it gets").isEmpty();
        assertThat(senderReport(2, ntp + 2 * second, 89_998_500L + 180_000))
                .as("layer 2's report on layer 0's timeline: the mapping the subscriber had")
                .containsExactly(4_000L + 180_000);
    }

    /** What operators see of each subscriber each second: the layer it is on, and its downlink's video bitrate. */
    @Test
    void theMetricsSayWhichLayerEachSubscriberIsOnAndWhatItsDownlinkCarries() {
        Downlink downlink = new Downlink();
        downlink.add(subscriber);
        long start = System.nanoTime();
        for (VideoLayer layer : stream.layers()) {
            layer.measure(start);
        }
        for (int i = 0; i < 30; i++) {
            frame(0, i == 0, start + i * 33_000_000L);
            frame(2, false, start + i * 33_000_000L);
            frame(2, false, start + i * 33_000_000L);               // the top layer costs twice as much
        }
        for (VideoLayer layer : stream.layers()) {
            layer.measure(start + 1_000_000_000L);
        }
        metrics.downlinks(List.of(downlink));
        assertThat(registry.get("parley.media.subscriptions").tag("layer", "0").gauge().value()).isEqualTo(1);
        assertThat(registry.get("parley.media.subscriptions").tag("layer", "2").gauge().value()).isZero();
        var bitrate = registry.get("parley.media.downlink.bitrate").summary();
        assertThat(bitrate.count()).isEqualTo(1);
        assertThat(bitrate.totalAmount()).as("layer 0's bitrate, not layer 2's")
                .isEqualTo(stream.layers()[0].bitrate).isEqualTo(stream.layers()[2].bitrate / 2.0).isPositive();

        subscriber.maxHeight(0);
        metrics.downlinks(List.of(downlink));
        assertThat(registry.get("parley.media.subscriptions").tag("layer", "none").gauge().value()).isEqualTo(1);
        assertThat(registry.get("parley.media.subscriptions").tag("layer", "0").gauge().value()).isZero();
    }

    /**
     * A freeze, as the router sees it: the publisher's video arrives and none goes to the subscriber for over a
     * second, here a switch whose key frame is late while the old layer stopped. It counts once, and lasts until video
     * goes out again. A hidden tile's silence is no freeze, nor is a publisher that sends nothing.
     */
    @Test
    void aSubscriberWithoutVideoForOverASecondWhileThePublisherSendsIsAFreeze() {
        long frame = 33_000_000;
        long start = System.nanoTime();
        frame(0, true, start);
        forwarder.tick(stream, start);
        subscriber.selection().target(2);
        for (int i = 1; i <= 50; i++) {
            frame(2, false, start + i * frame);
            forwarder.tick(stream, start + i * frame);
        }
        assertThat(metrics.freezes.value()).as("frozen from 1 s on").isEqualTo(1);
        assertThat(metrics.frozenNanos.value()).as("still frozen").isZero();

        long resumed = start + 51 * frame;
        frame(2, true, resumed);
        forwarder.tick(stream, resumed + Forwarder.FREEZE_WATCH_INTERVAL_NANOS);
        assertThat(metrics.frozenNanos.value()).as("from the last packet to the key frame").isEqualTo(51.0 * frame);

        // the publisher pauses for 2 s (a camera turned off), then the tile is hidden for 2 s: neither is a freeze
        long silent = resumed + 2_000_000_000L;
        for (long at = resumed; at < silent; at += Forwarder.FREEZE_WATCH_INTERVAL_NANOS) {
            forwarder.tick(stream, at);
        }
        subscriber.maxHeight(0);
        subscriber.selection().target(LayerSelection.NONE);
        for (long at = silent; at < silent + 2_000_000_000L; at += frame) {
            frame(2, false, at);
            forwarder.tick(stream, at);
        }
        assertThat(metrics.freezes.value()).isEqualTo(1);
    }

    /** A sender report of {@code layer}; the RTP timestamps of the reports the subscriber got for its video. */
    private List<Long> senderReport(int layer, long ntp, long rtpTimestamp) {
        byte[] packet = new byte[200];
        int n = io.parley.embedded.media.rtcp.Reports.writeSenderReport(packet, 0, SSRCS[layer], ntp, rtpTimestamp,
                10, 1000);
        sent.clear();
        forwarder.fromPublisher(stream, publisher, packet, browser.protectRtcp(packet, 0, n));
        List<Long> reports = new ArrayList<>();
        io.parley.embedded.media.rtcp.SenderReport report = new io.parley.embedded.media.rtcp.SenderReport();
        for (byte[] datagram : sent) {
            int plain = atSubscriber.unprotectRtcp(datagram, 0, datagram.length);
            assertThat(plain).as("decrypts at the subscriber").isPositive();
            assertThat(report.decode(datagram, 0, plain)).isTrue();
            assertThat(report.ssrc()).isEqualTo(1000);
            assertThat(report.ntpTimestamp()).isEqualTo(ntp);
            reports.add(report.rtpTimestamp());
        }
        sent.clear();
        return reports;
    }

    /** The first packet of a frame on {@code layer}; the rid extension on every packet, as before Chrome gets an RR. */
    private void frame(int layer, boolean keyFrame) {
        frame(layer, keyFrame, System.nanoTime());
    }

    private void frame(int layer, boolean keyFrame, long arrivalNanos) {
        byte[] packet = new byte[200];
        int seq = sequence[layer]++;
        long ts = timestamp[layer];
        timestamp[layer] += 3000;
        int picture = pictureId[layer]++;
        byte rid = (byte) "qhf".charAt(layer);
        byte[] rtp = {
                (byte) 0x90, 96, (byte) (seq >> 8), (byte) seq,
                (byte) (ts >> 24), (byte) (ts >> 16), (byte) (ts >> 8), (byte) ts,
                0, 0, (byte) (SSRCS[layer] >> 8), (byte) SSRCS[layer],
                (byte) 0xBE, (byte) 0xDE, 0x00, 0x02,
                (byte) 0xA0, rid,                                    // id 10, one byte: the rid
                (byte) (PUBLISHER_TRANSPORT_ID << 4 | 1), (byte) (publisherTransportSequence >> 8), // two bytes
                (byte) publisherTransportSequence++, 0x00, 0x00, 0x00,
                (byte) 0x90, (byte) 0x80, (byte) (0x80 | picture >> 8), (byte) picture, // X, S; I with a 15-bit id
                (byte) (keyFrame ? 0x10 : 0x11), 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a,
                (byte) 160, 0, (byte) HEIGHTS[layer], (byte) (HEIGHTS[layer] >> 8), 1, 2, 3};
        System.arraycopy(rtp, 0, packet, 0, rtp.length);
        forwarder.fromPublisher(stream, publisher, packet, browser.protect(packet, 0, rtp.length), arrivalNanos);
    }

    private List<RtpHeader> received() {
        List<RtpHeader> headers = new ArrayList<>();
        for (byte[] datagram : sent) {
            int plain = atSubscriber.unprotect(datagram, 0, datagram.length);
            assertThat(plain).as("decrypts at the subscriber").isPositive();
            headers.add(RtpHeader.parse(Arrays.copyOf(datagram, plain)));
        }
        sent.clear();
        return headers;
    }

    private static WebRtcTransport link(String id, WebRtcTransport.Kind kind, SrtpKeyMaterial keys) {
        WebRtcTransport link = new WebRtcTransport("session", id, kind,
                new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime()), () -> { });
        link.remote(new InetSocketAddress("127.0.0.1", kind == WebRtcTransport.Kind.SUBSCRIBER ? SUBSCRIBER_PORT
                : 50000));
        link.installKeys(keys);
        return link;
    }
}
