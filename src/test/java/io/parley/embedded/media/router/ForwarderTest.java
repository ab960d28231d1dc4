package io.parley.embedded.media.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.rtp.RtpHeader;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The forwarding path with real SRTP on both sides: what a subscriber decrypts is what the publisher sent, rewritten. */
class ForwarderTest {

    private static final int OPUS = 111;
    private final List<byte[]> sent = new ArrayList<>();

    @Test
    void thePublishersAudioLevelReachesTheSubscriberUnderTheRoutersIdAndNothingElseDoes() {
        SrtpKeyMaterial publisherKeys = keys();
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        Producer stream = new Producer("stream");
        // a publisher whose audio level is id 3 and whose id 1 is something else (here: abs-send-time)
        stream.publisher("session", publisher, 96, OPUS, ExtensionIds.translation(OptionalInt.of(3)));
        stream.add(new Consumer(subscriber, 1000, 2000, 96, OPUS));
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)),
                new MediaMetrics(new SimpleMeterRegistry()), 0);

        byte[] packet = new byte[200];
        byte[] rtp = {
                (byte) 0x90, OPUS, 0x00, 0x07, 0, 0, 0x03, (byte) 0xC0, 0x12, 0x34, 0x56, 0x78,
                (byte) 0xBE, (byte) 0xDE, 0x00, 0x02,
                0x30, (byte) 0x85,                   // id 3, 1 byte: voice activity, -5 dBov
                0x12, 0x11, 0x22, 0x33,              // id 1, 3 bytes: the publisher's send time
                0x00, 0x00,                          // padding to the word
                0x01, 0x02, 0x03, 0x04};             // Opus payload
        System.arraycopy(rtp, 0, packet, 0, rtp.length);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        int length = browser.protect(packet, 0, rtp.length);
        forwarder.fromPublisher(stream, publisher, packet, length);

        assertThat(sent).hasSize(1);
        byte[] received = sent.get(0);
        SrtpContext subscriberBrowser = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.serverWriteKey(), subscriberKeys.serverWriteSalt()));
        int plain = subscriberBrowser.unprotect(received, 0, received.length);
        assertThat(plain).as("decrypts at the subscriber, one word longer: a transport-wide number added")
                .isEqualTo(rtp.length + 4);
        RtpHeader header = RtpHeader.parse(Arrays.copyOf(received, plain));
        assertThat(header.ssrc()).isEqualTo(2000);
        assertThat(header.extensionLength(ExtensionIds.AUDIO_LEVEL)).isEqualTo(1);
        assertThat(received[header.extensionOffset(ExtensionIds.AUDIO_LEVEL)]).isEqualTo((byte) 0x85);
        assertThat(header.absSendTime(ExtensionIds.UNNEGOTIATED)).as("the send time, under an id nobody declared")
                .isEqualTo(0x112233);
        assertThat(header.extensionOffset(3)).isEqualTo(-1);
        assertThat(header.transportSequenceNumber(ExtensionIds.TRANSPORT_SEQUENCE)).isZero();
        assertThat(Arrays.copyOfRange(received, header.payloadOffset(), plain)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aStreamNobodyReceivesIsNotDecryptedYetDecryptsOnceSubscribedAfterItsSequenceWrapped() {
        SrtpKeyMaterial publisherKeys = keys();
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, OPUS, ExtensionIds.translation(OptionalInt.empty()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MediaMetrics metrics = new MediaMetrics(registry);
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)), metrics, 0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[200];
        // 70,000 video packets to nobody: the 16-bit sequence number wraps, the SRTP rollover counter moves on
        int sequence = 60_000;
        for (int i = 0; i < 70_000; i++, sequence++) {
            forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, sequence));
        }
        assertThat(metrics.decryptFailures.value()).isZero();
        assertThat(registry.get(MediaMetrics.DROPS).tag("reason", "no_subscribers").functionCounter().count())
                .isEqualTo(70_000);
        assertThat(stream.video().ssrc).as("the SSRC is known from the packets checked").isEqualTo(0x12345678L);

        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        stream.add(new Consumer(subscriber, 1000, 2000, 96, OPUS));
        for (int i = 0; i < 10; i++, sequence++) {
            forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, sequence));
        }
        assertThat(metrics.decryptFailures.value()).as("the rollover counter guessed right").isZero();
        assertThat(sent).hasSize(10);
        assertThat(stream.video().statistics.lost()).as("what nobody received is no loss").isZero();
        assertThat(stream.video().statistics.received()).isEqualTo(10);
    }

    /** Lip sync: the subscriber gets the publisher's NTP/RTP pair for the video under its own SSRC for it. */
    @Test
    void aPublishersSenderReportReachesEachSubscriberUnderItsOwnSsrc() {
        SrtpKeyMaterial publisherKeys = keys();
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, OPUS, ExtensionIds.translation(OptionalInt.empty()));
        stream.add(new Consumer(subscriber, 1000, 2000, 96, OPUS));
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)),
                new MediaMetrics(new SimpleMeterRegistry()), 0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[200];
        forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, 1));
        sent.clear();

        // SR from the publisher's video SSRC with one report block, then an SDES chunk: a browser's compound
        long ntp = 0xE8F1_2345_6789_ABCDL;
        int n = io.parley.embedded.media.rtcp.Reports.writeSenderReport(packet, 0, 0x12345678L, ntp, 0x0003_C0DEL, 77,
                7700);
        byte[] sdes = {(byte) 0x81, (byte) 202, 0, 2, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0};
        System.arraycopy(sdes, 0, packet, n, sdes.length);
        int length = browser.protectRtcp(packet, 0, n + sdes.length);
        forwarder.fromPublisher(stream, publisher, packet, length);

        assertThat(sent).hasSize(1);
        byte[] received = sent.get(0);
        SrtpContext subscriberBrowser = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.serverWriteKey(), subscriberKeys.serverWriteSalt()));
        int plain = subscriberBrowser.unprotectRtcp(received, 0, received.length);
        io.parley.embedded.media.rtcp.SenderReport report = new io.parley.embedded.media.rtcp.SenderReport();
        assertThat(report.decode(received, 0, plain)).as("a sender report").isTrue();
        assertThat(report.ssrc()).as("the subscriber's video SSRC").isEqualTo(1000);
        assertThat(report.ntpTimestamp()).isEqualTo(ntp);
        assertThat(report.rtpTimestamp()).isEqualTo(0x0003_C0DEL);
        assertThat(report.reportCount()).as("the publisher's report blocks stay behind").isZero();
    }

    /** A subscriber's NACK is answered on its RTX stream: own SSRC and sequence, the original sequence first. */
    @Test
    void aNackIsAnsweredOnTheSubscribersRtxStream() {
        SrtpKeyMaterial publisherKeys = keys();
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, OPUS, ExtensionIds.translation(OptionalInt.empty()));
        Consumer subscription = new Consumer(subscriber, 1000, 2000, 96, OPUS, 3000);
        subscription.useRtx(97);
        stream.add(subscription);
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)),
                new MediaMetrics(new SimpleMeterRegistry()), 0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[200];
        for (int sequence = 100; sequence < 103; sequence++) {
            forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, sequence));
        }
        sent.clear();

        SrtpContext subscriberBrowser = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.clientWriteKey(), subscriberKeys.clientWriteSalt()));
        int n = io.parley.embedded.media.rtcp.GenericNack.write(packet, 0, 0x5555, 1000, new int[] {100, 102}, 2);
        forwarder.fromSubscriber(stream, subscription, packet, subscriberBrowser.protectRtcp(packet, 0, n));

        assertThat(sent).hasSize(2);
        SrtpContext atSubscriber = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.serverWriteKey(), subscriberKeys.serverWriteSalt()));
        int previous = -1;
        for (int i = 0; i < 2; i++) {
            byte[] received = sent.get(i);
            int plain = atSubscriber.unprotect(received, 0, received.length);
            RtpHeader rtx = RtpHeader.parse(Arrays.copyOf(received, plain));
            assertThat(rtx.ssrc()).as("the RTX SSRC").isEqualTo(3000);
            assertThat(rtx.payloadType()).isEqualTo(97);
            if (previous >= 0) {
                assertThat(rtx.sequenceNumber()).as("the RTX stream's own sequence").isEqualTo((previous + 1) & 0xFFFF);
            }
            previous = rtx.sequenceNumber();
            int osn = (received[rtx.payloadOffset()] & 0xFF) << 8 | (received[rtx.payloadOffset() + 1] & 0xFF);
            assertThat(osn).isEqualTo(i == 0 ? 100 : 102);
            assertThat(Arrays.copyOfRange(received, rtx.payloadOffset() + 2, plain))
                    .as("the original payload").containsExactly(0x10, 0x00, (byte) 0x9d, 0x01);
        }
    }

    /**
     * A publisher that sends no transport-wide numbers (not negotiated with it): each subscription's packets still
     * carry numbers of its own, one after the other, added before the payload, which arrives unchanged.
     */
    @Test
    void packetsWithoutATransportWideNumberGetOneFromEachSubscription() {
        SrtpKeyMaterial publisherKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, OPUS, ExtensionIds.translation(OptionalInt.of(3)));
        SrtpKeyMaterial[] subscriberKeys = {keys(), keys()};
        for (int i = 0; i < 2; i++) {
            stream.add(new Consumer(link("subscriber" + i, WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys[i]),
                    1000 + i, 2000 + i, 96, OPUS));
        }
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)),
                new MediaMetrics(new SimpleMeterRegistry()), 0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[2048];
        forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, 7));
        byte[] audio = {(byte) 0x90, OPUS, 0, 8, 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x77,
                (byte) 0xBE, (byte) 0xDE, 0, 1, 0x30, (byte) 0x85, 0, 0, 0x05, 0x06};
        System.arraycopy(audio, 0, packet, 0, audio.length);
        forwarder.fromPublisher(stream, publisher, packet, browser.protect(packet, 0, audio.length));

        assertThat(sent).hasSize(4);
        for (int i = 0; i < 4; i++) {
            int subscriber = i % 2;
            boolean video = i < 2;
            SrtpContext at = new SrtpContext(SrtpKeys.derive(subscriberKeys[subscriber].profile(),
                    subscriberKeys[subscriber].serverWriteKey(), subscriberKeys[subscriber].serverWriteSalt()));
            byte[] received = sent.get(i);
            int plain = at.unprotect(received, 0, received.length);
            RtpHeader header = RtpHeader.parse(Arrays.copyOf(received, plain));
            assertThat(header.ssrc()).isEqualTo((video ? 1000 : 2000) + subscriber);
            assertThat(header.transportSequenceNumber(ExtensionIds.TRANSPORT_SEQUENCE))
                    .as("packet %d of subscription %d", i / 2, subscriber).isEqualTo(i / 2);
            if (video) {
                assertThat(Arrays.copyOfRange(received, header.payloadOffset(), plain))
                        .containsExactly(0x10, 0x00, (byte) 0x9d, 0x01);
            } else {
                assertThat(received[header.extensionOffset(ExtensionIds.AUDIO_LEVEL)]).isEqualTo((byte) 0x85);
                assertThat(Arrays.copyOfRange(received, header.payloadOffset(), plain)).containsExactly(5, 6);
            }
        }
    }

    /** A packet larger than anything forwarded is dropped, and the next one goes through. */
    @Test
    void aPacketTooLargeToForwardIsDropped() {
        SrtpKeyMaterial publisherKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, OPUS, ExtensionIds.translation(OptionalInt.empty()));
        stream.add(new Consumer(link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, keys()), 1000, 2000, 96, OPUS));
        MediaMetrics metrics = new MediaMetrics(new SimpleMeterRegistry());
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)), metrics, 0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[2048];
        video(browser, packet, 1);
        forwarder.fromPublisher(stream, publisher, packet, browser.protect(packet, 0, 1900));
        assertThat(sent).isEmpty();
        forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, 2));
        assertThat(sent).hasSize(1);
    }

    /** A downlink's trial padding goes on the subscriber's RTX stream: no payload, only padding it can drop. */
    @Test
    void paddingGoesOnTheRtxStreamWithNoPayload() {
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        Consumer subscription = new Consumer(subscriber, 1000, 2000, 96, OPUS, 3000);
        MediaMetrics metrics = new MediaMetrics(new SimpleMeterRegistry());
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)), metrics, 0);
        forwarder.pad(subscription, 1000);
        assertThat(sent).as("a subscriber without RTX gets no padding").isEmpty();

        subscription.useRtx(97);
        forwarder.pad(subscription, 1000);
        SrtpContext atSubscriber = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.serverWriteKey(), subscriberKeys.serverWriteSalt()));
        assertThat(sent).as("1000 bytes in packets of 255 bytes' padding").hasSize(4);
        int bytes = 0;
        int transportSequence = 0;
        for (byte[] received : sent) {
            bytes += received.length;
            int plain = atSubscriber.unprotect(received, 0, received.length);
            assertThat(plain).as("the header, one word of extensions, the padding")
                    .isEqualTo(RtpHeader.FIXED_HEADER_LENGTH + 8 + Forwarder.PADDING_PER_PACKET);
            RtpHeader padding = RtpHeader.parse(Arrays.copyOf(received, plain));
            assertThat(padding.ssrc()).isEqualTo(3000);
            assertThat(padding.payloadType()).isEqualTo(97);
            assertThat(padding.payloadLength()).as("nothing but padding").isZero();
            assertThat(padding.transportSequenceNumber(ExtensionIds.TRANSPORT_SEQUENCE))
                    .as("numbered for the subscriber's feedback, which then counts it").isEqualTo(transportSequence++);
        }
        assertThat(metrics.paddingBytes.value()).isEqualTo(bytes);
    }

    /**
     * The publisher's RTX packet repairs the packet it carries: forwarded as the original (sequence, SSRC, payload
     * type), once; a probe of a packet that was never missing goes nowhere.
     */
    @Test
    void aPublishersRtxPacketIsForwardedAsTheOriginalItRepairsOnlyWhenItWasMissing() {
        SrtpKeyMaterial publisherKeys = keys();
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, 97, OPUS, ExtensionIds.translation(OptionalInt.empty()));
        stream.add(new Consumer(subscriber, 1000, 2000, 96, OPUS));
        MediaMetrics metrics = new MediaMetrics(new SimpleMeterRegistry());
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)), metrics,
                0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[200];
        forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, 200));
        forwarder.fromPublisher(stream, publisher, packet, video(browser, packet, 202));
        sent.clear();

        forwarder.fromPublisher(stream, publisher, packet, rtx(browser, packet, 7, 201));
        forwarder.fromPublisher(stream, publisher, packet, rtx(browser, packet, 8, 201));
        forwarder.fromPublisher(stream, publisher, packet, rtx(browser, packet, 9, 202));

        assertThat(sent).as("only the repair of 201").hasSize(1);
        SrtpContext atSubscriber = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.serverWriteKey(), subscriberKeys.serverWriteSalt()));
        byte[] received = sent.get(0);
        int plain = atSubscriber.unprotect(received, 0, received.length);
        RtpHeader repaired = RtpHeader.parse(Arrays.copyOf(received, plain));
        assertThat(repaired.sequenceNumber()).isEqualTo(201);
        assertThat(repaired.ssrc()).isEqualTo(1000);
        assertThat(repaired.payloadType()).isEqualTo(96);
        assertThat(Arrays.copyOfRange(received, repaired.payloadOffset(), plain)).containsExactly(0x10, 0x00,
                (byte) 0x9d, 0x01);
        assertThat(metrics.rtxReceived.value()).isEqualTo(1);
        assertThat(stream.video().retransmissions.contains(201)).as("kept to answer NACKs").isTrue();
    }

    /** A subscriber's receiver report about its video is what its downlink's layer choice reads as loss. */
    @Test
    void aSubscribersReceiverReportGivesItsVideoLoss() {
        SrtpKeyMaterial subscriberKeys = keys();
        WebRtcTransport subscriber = link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, subscriberKeys);
        Producer stream = new Producer("stream");
        Consumer subscription = new Consumer(subscriber, 1000, 2000, 96, OPUS);
        stream.add(subscription);
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)),
                new MediaMetrics(new SimpleMeterRegistry()), 0);
        io.parley.embedded.media.rtcp.ReportBlock audio = new io.parley.embedded.media.rtcp.ReportBlock();
        audio.ssrc = 2000;
        audio.fractionLost = 200;
        io.parley.embedded.media.rtcp.ReportBlock video = new io.parley.embedded.media.rtcp.ReportBlock();
        video.ssrc = 1000;
        video.fractionLost = 64;
        byte[] packet = new byte[200];
        int n = io.parley.embedded.media.rtcp.Reports.writeReceiverReport(packet, 0, 0x5555,
                new io.parley.embedded.media.rtcp.ReportBlock[] {audio, video}, 2);
        SrtpContext subscriberBrowser = new SrtpContext(SrtpKeys.derive(subscriberKeys.profile(),
                subscriberKeys.clientWriteKey(), subscriberKeys.clientWriteSalt()));
        forwarder.fromSubscriber(stream, subscription, packet, subscriberBrowser.protectRtcp(packet, 0, n));
        assertThat(subscription.recentLoss(System.nanoTime(), 1_000_000_000L)).as("the video's block, not the audio's")
                .isEqualTo(0.25);
    }

    /**
     * Uplink congestion control: every packet's transport-wide sequence number is reported back to the publisher with
     * its arrival, whether anybody receives the stream, and RTX padding (the browser's probes) too; REMB is gone.
     */
    @Test
    void thePublisherHearsWhenEachOfItsPacketsArrivedAndIsToldNoBitrate() {
        SrtpKeyMaterial publisherKeys = keys();
        WebRtcTransport publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        Producer stream = new Producer("stream");
        stream.publisher("session", publisher, 96, 97, OPUS, ExtensionIds.translation(OptionalInt.empty()));
        long start = System.nanoTime();
        stream.transportFeedback(5, start);
        MediaMetrics metrics = new MediaMetrics(new SimpleMeterRegistry());
        Forwarder forwarder = new Forwarder((to, bytes, length) -> sent.add(Arrays.copyOf(bytes, length)), metrics, 0);
        SrtpContext browser = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(), publisherKeys.clientWriteKey(),
                publisherKeys.clientWriteSalt()));
        byte[] packet = new byte[200];
        for (int i = 0; i < 6; i++) {
            if (i != 3) {
                forwarder.fromPublisher(stream, publisher, packet, transportWide(browser, packet, 96, 10 + i, 100 + i));
            }
            if (i == 2) {
                // someone subscribes: from now on the packets are decrypted
                stream.add(new Consumer(link("subscriber", WebRtcTransport.Kind.SUBSCRIBER, keys()), 1000, 2000, 96,
                        OPUS));
            }
        }
        forwarder.fromPublisher(stream, publisher, packet, transportWide(browser, packet, 97, 1, 106)); // a probe
        sent.clear();

        forwarder.tick(stream, start + Forwarder.TRANSPORT_FEEDBACK_INTERVAL_NANOS);

        SrtpContext browserInbound = new SrtpContext(SrtpKeys.derive(publisherKeys.profile(),
                publisherKeys.serverWriteKey(), publisherKeys.serverWriteSalt()));
        assertThat(sent).hasSize(1);
        byte[] feedback = sent.get(0);
        int plain = browserInbound.unprotectRtcp(feedback, 0, feedback.length);
        long[] arrivals = new long[16];
        assertThat(io.parley.embedded.media.rtcp.TransportFeedback.read(feedback, 0, plain, arrivals))
                .isEqualTo(100L << 16 | 7);
        assertThat(arrivals[3]).as("the one lost").isEqualTo(-1);
        for (int i : new int[] {0, 1, 2, 4, 5, 6}) {
            assertThat(arrivals[i]).as("packet %d", i).isGreaterThanOrEqualTo(0);
        }
        assertThat(metrics.transportFeedbackSent.value()).isEqualTo(1);

        sent.clear();
        forwarder.report(stream, System.nanoTime());
        assertThat(sent).hasSize(1);
        int report = browserInbound.unprotectRtcp(sent.get(0), 0, sent.get(0).length);
        io.parley.embedded.media.rtcp.RtcpCompound compound = new io.parley.embedded.media.rtcp.RtcpCompound();
        compound.reset(sent.get(0), 0, report);
        while (compound.next()) {
            assertThat(io.parley.embedded.media.rtcp.Remb.bitrate(sent.get(0), compound.offset(), compound.length()))
                    .as("no REMB").isEqualTo(-1);
        }
    }

    /** A VP8 (96) or RTX padding (97) packet with a transport-wide sequence number under extension id 5. */
    private static int transportWide(SrtpContext browser, byte[] packet, int payloadType, int sequence, int wide) {
        boolean padding = payloadType == 97;
        byte[] rtp = {
                (byte) (padding ? 0xB0 : 0x90), (byte) payloadType, (byte) (sequence >> 8), (byte) sequence, 0, 0, 0x03,
                (byte) 0xC0, 0x12, 0x34, 0x56, (byte) (padding ? 0x79 : 0x78),
                (byte) 0xBE, (byte) 0xDE, 0x00, 0x01, 0x51, (byte) (wide >> 8), (byte) wide, 0x00,
                0x10, 0x00, (byte) 0x9d, 0x04};
        if (padding) {
            rtp[rtp.length - 1] = 4; // all payload is padding, as in a probe
        }
        System.arraycopy(rtp, 0, packet, 0, rtp.length);
        return browser.protect(packet, 0, rtp.length);
    }

    /** An RTX packet from the publisher's RTX SSRC repairing {@code original}. */
    private static int rtx(SrtpContext browser, byte[] packet, int sequence, int original) {
        byte[] rtp = {
                (byte) 0x80, 97, (byte) (sequence >> 8), (byte) sequence, 0, 0, 0x03, (byte) 0xC0,
                0x0A, 0x0B, 0x0C, 0x0D, (byte) (original >> 8), (byte) original, 0x10, 0x00, (byte) 0x9d, 0x01};
        System.arraycopy(rtp, 0, packet, 0, rtp.length);
        return browser.protect(packet, 0, rtp.length);
    }

    private static int video(SrtpContext browser, byte[] packet, int sequence) {
        byte[] rtp = {
                (byte) 0x80, 96, (byte) (sequence >> 8), (byte) sequence, 0, 0, 0x03, (byte) 0xC0,
                0x12, 0x34, 0x56, 0x78, 0x10, 0x00, (byte) 0x9d, 0x01};
        System.arraycopy(rtp, 0, packet, 0, rtp.length);
        return browser.protect(packet, 0, rtp.length);
    }

    private WebRtcTransport link(String id, WebRtcTransport.Kind kind, SrtpKeyMaterial keys) {
        WebRtcTransport link = new WebRtcTransport("session", id, kind,
                new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime()), () -> { });
        link.remote(new InetSocketAddress("127.0.0.1", 50000));
        link.installKeys(keys);
        return link;
    }

    /** Random SRTP keys, as a DTLS handshake would export them. */
    static SrtpKeyMaterial keys() {
        byte[] exported = new byte[60];
        new Random().nextBytes(exported);
        return SrtpKeyMaterial.fromExporter(io.parley.embedded.media.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80, exported);
    }
}
