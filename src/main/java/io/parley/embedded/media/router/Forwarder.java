package io.parley.embedded.media.router;

import io.parley.embedded.media.Bytes;
import io.parley.embedded.media.rtcp.GenericNack;
import io.parley.embedded.media.rtcp.KeyFrameRequests;
import io.parley.embedded.media.rtcp.ReceptionStatistics;
import io.parley.embedded.media.rtcp.Remb;
import io.parley.embedded.media.rtcp.ReportBlock;
import io.parley.embedded.media.rtcp.Reports;
import io.parley.embedded.media.rtcp.RtcpCompound;
import io.parley.embedded.media.rtcp.SenderReport;
import io.parley.embedded.media.rtcp.TransportFeedback;
import io.parley.embedded.media.rtp.AudioLevel;
import io.parley.embedded.media.rtp.LossDetector;
import io.parley.embedded.media.rtp.RtpHeader;
import io.parley.embedded.media.rtp.Vp8;
import io.parley.embedded.media.srtp.SrtpContext;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The forwarding path: a publisher's packet is decrypted once, kept for retransmission, and re-encrypted for each
 * subscriber with that subscriber's SSRC and payload type; subscribers' feedback is answered (NACK from the buffer,
 * PLI and FIR passed on to the publisher, throttled). A simulcast video's layers are kept apart (each its own
 * SSRC, statistics, buffer and NACKs), and each subscriber gets the one layer its {@link LayerSelection} holds,
 * renumbered into one stream. Runs on the media thread only; its scratch buffers are reused for every packet.
 */
final class Forwarder {

    /** What browsers without transport-wide feedback are told they may send; enough for 720p at full quality. */
    static final long REMB_BITRATE = 2_500_000;
    private static final int MAX_PACKET = 1500;
    /**
     * How often a publisher hears when its packets arrived: libwebrtc's receivers send feedback every 50 to 250 ms
     * depending on the bitrate; at 100 ms a 2 Mbit/s publisher gets about 40 bytes of feedback per 20 packets.
     */
    static final long TRANSPORT_FEEDBACK_INTERVAL_NANOS = 100_000_000;
    /** How often subscriptions are looked at for freezes: a tenth of what counts as one. */
    static final long FREEZE_WATCH_INTERVAL_NANOS = FreezeWatch.FREEZE_NANOS / 10;
    /**
     * Of the packets of a stream nobody receives, one in this many is still decrypted: enough for the SRTP context
     * to keep the rollover counter (RFC 3711 §3.3.1 guesses it right within 2^15 packets of the highest index).
     */
    static final int UNRECEIVED_CHECK_EVERY = 256;

    private final DatagramSender transport;
    private final MediaMetrics metrics;
    private final int testLossPercent;
    private final RtpHeader header = new RtpHeader();
    private final RtpHeader rtxHeader = new RtpHeader();
    /** The most padding one RTP packet holds (its last byte counts it, RFC 3550 §5.1). */
    static final int PADDING_PER_PACKET = 255;
    private final RtcpCompound rtcp = new RtcpCompound();
    private final SenderReport senderReport = new SenderReport();
    private final io.parley.embedded.media.rtcp.ReceiverReport receiverReport =
            new io.parley.embedded.media.rtcp.ReceiverReport();
    private final ReportBlock lossBlock = new ReportBlock();
    private final byte[] scratch = new byte[MAX_PACKET + 64];
    private final int[] sequenceNumbers = new int[256];
    /** A subscriber's transport-wide feedback, read: Chrome's cover a few hundred packets at most. */
    private final long[] feedbackArrivals = new long[2048];
    private final ReportBlock[] blocks = {new ReportBlock(), new ReportBlock(), new ReportBlock(), new ReportBlock()};
    private final long[] rembSsrcs = new long[3];
    private final byte[] tapScratch = new byte[MAX_PACKET + 64];

    Forwarder(DatagramSender transport, MediaMetrics metrics, int testLossPercent) {
        this.transport = transport;
        this.metrics = metrics;
        this.testLossPercent = testLossPercent;
    }

    /** An SRTP or SRTCP datagram from a publisher's browser, arriving now. */
    void fromPublisher(Producer stream, WebRtcTransport link, byte[] packet, int length) {
        fromPublisher(stream, link, packet, length, System.nanoTime());
    }

    /** An SRTP or SRTCP datagram from a publisher's browser, read from the socket at {@code now} (nanoTime). */
    void fromPublisher(Producer stream, WebRtcTransport link, byte[] packet, int length, long now) {
        if (isRtcp(packet, length)) {
            // the publisher's own reports: the router keeps its own statistics and sends its own feedback; only the
            // sender reports travel on, to the recorder and to every subscriber, which line audio and video up by them
            int plainRtcp = link.inbound().unprotectRtcp(packet, 0, length);
            if (plainRtcp < 0) {
                metrics.decryptFailures.increment();
                metrics.drop(MediaMetrics.Drop.DECRYPT_FAILED);
                return;
            }
            senderReports(stream, packet, plainRtcp);
            return;
        }
        if (testLossPercent > 0 && ThreadLocalRandom.current().nextInt(100) < testLossPercent) {
            metrics.drop(MediaMetrics.Drop.TEST_LOSS);
            return;
        }
        boolean received = stream.tap != null || !stream.subscriptions().isEmpty();
        if (!received) {
            // the publisher's estimator needs every arrival, received or not; the header is readable undecrypted
            if (stream.transportFeedback() != null && header.decodeProtected(packet, 0, length) == null) {
                onTransportSequence(stream, now);
            }
            // Nobody receives this stream: decrypting it would only feed statistics that nothing is forwarded by.
            if (stream.unreceivedPackets++ % UNRECEIVED_CHECK_EVERY != 0) {
                metrics.drop(MediaMetrics.Drop.NO_SUBSCRIBERS);
                return;
            }
        } else if (stream.unreceivedPackets > 0) {
            stream.unreceivedPackets = 0;
            stream.restartReception();
        }
        int plain = link.inbound().unprotect(packet, 0, length);
        if (plain < 0) {
            metrics.decryptFailures.increment();
            metrics.drop(MediaMetrics.Drop.DECRYPT_FAILED);
            return;
        }
        if (plain > MAX_PACKET) {
            // larger than any browser sends (their MTU is 1200-odd bytes): it would not fit what is forwarded
            metrics.drop(MediaMetrics.Drop.MALFORMED_RTP);
            return;
        }
        if (!received) {
            // decrypted to keep the SRTP context's index, and to know the SSRCs to ask for a key frame once received
            if (header.decode(packet, 0, plain) == null) {
                if (header.payloadType() == stream.videoPayloadType()) {
                    VideoLayer layer = layerOf(stream, packet);
                    if (layer != null) {
                        layer.ssrc = header.ssrc();
                    }
                } else if (header.payloadType() == stream.audioPayloadType()) {
                    stream.audioSsrc = header.ssrc();
                }
            }
            metrics.drop(MediaMetrics.Drop.NO_SUBSCRIBERS);
            return;
        }
        if (header.decode(packet, 0, plain) != null) {
            metrics.drop(MediaMetrics.Drop.MALFORMED_RTP);
            return;
        }
        if (stream.transportFeedback() != null) {
            onTransportSequence(stream, now); // before RTX padding (the publisher's probes) is dropped
        }
        VideoLayer layer = null;
        if (header.payloadType() == stream.videoRtxPayloadType()) {
            layer = rtxLayerOf(stream, packet);
            plain = layer == null ? -1 : unwrapRtx(stream, layer, packet, plain);
            if (plain < 0 || header.decode(packet, 0, plain) != null) {
                metrics.drop(MediaMetrics.Drop.RTX_UNNEEDED);
                return;
            }
            metrics.rtxReceived.increment();
        } else if (header.payloadType() == stream.videoPayloadType()) {
            layer = layerOf(stream, packet);
            if (layer == null) {
                // a simulcast packet whose SSRC is new and whose rid is missing or unknown
                metrics.drop(MediaMetrics.Drop.UNKNOWN_LAYER);
                return;
            }
        }
        header.renumberExtensions(stream.extensionIds());
        int transportAt = transportSequenceAt(header);
        if (transportAt < 0) {
            // a publisher without transport-wide numbers (not negotiated): each subscription still numbers what it
            // is sent, or its feedback would cover padding alone and read a trial's bursts as its downlink's queue
            int grown = header.addElement(ExtensionIds.TRANSPORT_SEQUENCE, Math.min(packet.length, MAX_PACKET));
            if (grown > 0) {
                if (header.decode(packet, 0, grown) != null) {
                    metrics.drop(MediaMetrics.Drop.MALFORMED_RTP);
                    return;
                }
                plain = grown;
                transportAt = transportSequenceAt(header);
            }
        }
        int payloadType = header.payloadType();
        int sequence = header.sequenceNumber();
        boolean video = layer != null;
        boolean keyFrame = false;
        if (video) {
            stream.videoArrivedNanos = now;
            layer.statistics.onPacket(sequence, header.timestamp(), now);
            layer.retransmissions.store(packet, 0, plain, sequence);
            layer.onBytes(plain);
            if (layer.losses.onPacket(sequence, now) == LossDetector.GAP_TOO_LARGE) {
                layer.keyFrameWanted = true;
            }
            keyFrame = Vp8.isKeyFrame(packet, header.payloadOffset(), header.payloadLength());
            if (keyFrame) {
                int height = Vp8.keyFrameHeight(packet, header.payloadOffset(), header.payloadLength());
                layer.height = height > 0 ? height : layer.height;
            }
        } else if (payloadType == stream.audioPayloadType()) {
            if (stream.audioSsrc != header.ssrc() || stream.audioStatistics == null) {
                stream.audioSsrc = header.ssrc();
                stream.audioStatistics = new ReceptionStatistics(header.ssrc(), Producer.AUDIO_CLOCK_RATE);
            }
            stream.audioStatistics.onPacket(sequence, header.timestamp(), now);
            int level = AudioLevel.of(header, ExtensionIds.AUDIO_LEVEL);
            if (level >= 0) {
                ActiveSpeakers.onLevel(stream, level);
            }
        } else {
            metrics.drop(MediaMetrics.Drop.MALFORMED_RTP);
            return;
        }
        RtpObserver tap = stream.tap;
        boolean layered = video && stream.simulcast();
        if (tap != null) {
            if (!layered) {
                tap.onRtp(stream.streamId(), video, packet, plain, now);
            } else {
                tapLayer(stream, tap, layer, keyFrame, packet, plain, now);
            }
        }
        if (stream.subscriptions().isEmpty()) {
            if (tap == null) {
                metrics.drop(MediaMetrics.Drop.NO_SUBSCRIBERS);
            }
            return;
        }
        int pictureId = layered ? Vp8.pictureId(packet, header.payloadOffset(), header.payloadLength()) : -1;
        int tl0PicIdx = layered ? Vp8.tl0PicIdx(packet, header.payloadOffset(), header.payloadLength()) : -1;
        for (Consumer subscription : stream.subscriptions()) {
            if (layered) {
                forwardLayer(stream, subscription, layer, keyFrame, pictureId, tl0PicIdx, packet, plain, transportAt,
                        now);
            } else if (!video || !subscription.paused()) {
                forward(subscription, video, packet, plain, transportAt, now);
            }
        }
    }

    /** Where the decoded packet's transport-wide sequence number is, under the subscribers' id; -1 when it has none. */
    private static int transportSequenceAt(RtpHeader decoded) {
        return decoded.extensionOffset(ExtensionIds.TRANSPORT_SEQUENCE, 2);
    }

    /**
     * The subscription's own transport-wide sequence number into the packet in {@link #scratch}, at {@code at} (-1:
     * the packet has none): the publisher's numbers count another connection's packets.
     */
    /** Sends the packet in the scratch buffer to a subscriber: numbered for its feedback, then encrypted. */
    private void send(Consumer subscription, int length, int transportAt, long now) {
        numberForTransport(subscription, transportAt, now);
        WebRtcTransport link = subscription.link();
        int protectedLength = link.outbound().protect(scratch, 0, length);
        if (protectedLength > 0) {
            transport.send(link.remote(), scratch, protectedLength);
        }
    }

    private void numberForTransport(Consumer subscription, int at, long now) {
        if (at >= 0) {
            Bytes.put16(scratch, at, subscription.queue().sent(now));
        }
    }

    private void onTransportSequence(Producer stream, long now) {
        int sequence = header.transportSequenceNumber(stream.transportCcId());
        if (sequence >= 0) {
            stream.transportFeedback().onPacket(sequence, header.ssrc(), now);
        }
    }

    /**
     * The layer a video packet belongs to: the only one, or the simulcast layer of its SSRC, learned from the rid
     * extension of its first packets (RFC 8852). Null when the packet says no layer the offer named.
     */
    private VideoLayer layerOf(Producer stream, byte[] packet) {
        VideoLayer[] layers = stream.layers();
        long ssrc = header.ssrc();
        if (layers.length == 1) {
            VideoLayer only = layers[0];
            if (only.ssrc != ssrc || only.statistics == null) {
                only.restart(ssrc);
            }
            return only;
        }
        for (VideoLayer layer : layers) {
            if (layer.ssrc == ssrc && layer.statistics != null) {
                return layer;
            }
        }
        VideoLayer named = layerNamed(layers, packet, stream.ridExtensionId());
        if (named != null) {
            named.restart(ssrc);
        }
        return named;
    }

    /** The layer an RTX packet repairs: by its SSRC, or the repaired-rid extension of its first packets. */
    private VideoLayer rtxLayerOf(Producer stream, byte[] packet) {
        VideoLayer[] layers = stream.layers();
        long ssrc = header.ssrc();
        for (VideoLayer layer : layers) {
            if (layer.rtxSsrc == ssrc) {
                return layer;
            }
        }
        VideoLayer named = layers.length == 1 ? layers[0]
                : layerNamed(layers, packet, stream.repairedRidExtensionId());
        if (named != null) {
            named.rtxSsrc = ssrc;
        }
        return named;
    }

    private VideoLayer layerNamed(VideoLayer[] layers, byte[] packet, int extensionId) {
        int at = extensionId < 0 ? -1 : header.extensionOffset(extensionId);
        if (at < 0) {
            return null;
        }
        int length = header.extensionLength(extensionId);
        for (VideoLayer layer : layers) {
            if (layer.rid.length() == length && ridIs(layer.rid, packet, at)) {
                return layer;
            }
        }
        return null;
    }

    /** The rid (ASCII, RFC 8851) against the extension's bytes, without making a string of them. */
    private static boolean ridIs(String rid, byte[] packet, int at) {
        for (int i = 0; i < rid.length(); i++) {
            if (packet[at + i] != (byte) rid.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** One packet of a simulcast layer for one subscriber: forwarded renumbered if its selection takes it. */
    private void forwardLayer(Producer stream, Consumer subscription, VideoLayer layer, boolean keyFrame,
                              int pictureId, int tl0PicIdx, byte[] packet, int length, int transportAt, long now) {
        WebRtcTransport link = subscription.link();
        LayerSelection selection = subscription.selection();
        // during the handshake the first key frame is held (see HeldPackets), not lost
        boolean handshaking = !link.secure();
        if (handshaking && (link.dtls() == null || !subscription.holding())) {
            return;
        }
        if (selection.target() == LayerSelection.NONE && selection.current() == LayerSelection.NONE
                && !subscription.paused()) {
            // before the first choice (each report): the lowest layer starts fastest, its key frame is the smallest
            selection.target(0);
            stream.layers()[0].keyFrameWanted = true;
        }
        int payloadAt = header.payloadOffset();
        int payloadLength = header.payloadLength();
        long switches = selection.switches();
        int from = selection.current();
        if (!selection.accept(layer.index, keyFrame, header.sequenceNumber(), header.timestamp(),
                onCurrentTimeline(stream, selection, layer, keyFrame), pictureId, tl0PicIdx, now)) {
            return;
        }
        if (selection.switches() != switches) {
            (layer.index > from ? metrics.layerSwitchesUp : metrics.layerSwitchesDown).increment();
        }
        subscription.videoForwarded(now);
        System.arraycopy(packet, 0, scratch, 0, length);
        renumber(scratch, payloadAt, payloadLength, selection.seq, selection.timestamp, selection.pictureIdShift,
                selection.tl0Shift);
        RtpHeader.setSsrc(scratch, 0, subscription.videoSsrc());
        RtpHeader.setPayloadType(scratch, 0, subscription.videoPayloadType());
        if (handshaking) {
            subscription.hold(scratch, length, transportAt);
            return;
        }
        send(subscription, length, transportAt, now);
    }

    /**
     * Media thread, once a subscription's keys are installed: sends the video held during its handshake. Returns
     * whether it began with a key frame (held packets always do), so that the subscriber needs no other.
     */
    boolean releaseHeld(Consumer subscription) {
        HeldPackets held = subscription.release();
        if (held == null || held.count() == 0) {
            return false;
        }
        long now = System.nanoTime();
        for (int i = 0; i < held.count(); i++) {
            int length = held.length(i);
            System.arraycopy(held.packet(i), 0, scratch, 0, length);
            send(subscription, length, held.transportAt(i), now);
        }
        metrics.heldPackets.increment(held.count());
        return true;
    }

    /** For a packet that may start a switch, its timestamp on the layer it switches from; else none is needed. */
    private long onCurrentTimeline(Producer stream, LayerSelection selection, VideoLayer layer, boolean keyFrame) {
        int current = selection.current();
        if (!keyFrame || current == LayerSelection.NONE || current == layer.index
                || layer.index != selection.target()) {
            return VideoLayer.NO_TIMESTAMP;
        }
        return layer.timestampOn(stream.layers()[current], header.timestamp());
    }

    /** The recorder gets the highest layer that is sending, renumbered like a subscriber's, under one SSRC. */
    private void tapLayer(Producer stream, RtpObserver tap, VideoLayer layer, boolean keyFrame, byte[] packet,
                          int length, long now) {
        LayerSelection selection = stream.tapSelection;
        if (selection.target() < layer.index && selection.current() == LayerSelection.NONE) {
            if (selection.target(layer.index)) {
                layer.keyFrameWanted = true;
            }
        }
        int payloadAt = header.payloadOffset();
        int payloadLength = header.payloadLength();
        if (!selection.accept(layer.index, keyFrame, header.sequenceNumber(), header.timestamp(),
                onCurrentTimeline(stream, selection, layer, keyFrame), Vp8.pictureId(packet, payloadAt, payloadLength),
                Vp8.tl0PicIdx(packet, payloadAt, payloadLength), now)) {
            return;
        }
        System.arraycopy(packet, 0, tapScratch, 0, length);
        renumber(tapScratch, payloadAt, payloadLength, selection.seq, selection.timestamp, selection.pictureIdShift,
                selection.tl0Shift);
        RtpHeader.setSsrc(tapScratch, 0, stream.routerSsrc());
        tap.onRtp(stream.streamId(), true, tapScratch, length, now);
    }

    private static void renumber(byte[] packet, int payloadAt, int payloadLength, int sequence, long timestamp,
                                 int pictureIdShift, int tl0Shift) {
        RtpHeader.setSequenceNumber(packet, 0, sequence);
        RtpHeader.setTimestamp(packet, 0, timestamp);
        if (pictureIdShift != 0 || tl0Shift != 0) {
            Vp8.shiftPictureIds(packet, payloadAt, payloadLength, pictureIdShift, tl0Shift);
        }
    }

    private void senderReports(Producer stream, byte[] packet, int length) {
        RtpObserver tap = stream.tap;
        boolean received = tap != null || !stream.subscriptions().isEmpty();
        if (!received && !stream.simulcast()) {
            return;
        }
        rtcp.reset(packet, 0, length);
        while (rtcp.next()) {
            if (!senderReport.decode(packet, rtcp.offset(), rtcp.length())) {
                continue;
            }
            long ssrc = senderReport.ssrc();
            VideoLayer layer = null;
            for (VideoLayer candidate : stream.layers()) {
                layer = candidate.ssrc == ssrc ? candidate : layer;
            }
            if (layer == null && ssrc != stream.audioSsrc) {
                continue;
            }
            boolean video = layer != null;
            if (video && stream.simulcast()) {
                // kept even while nobody receives: a subscriber's first switch lines the layers up by them
                layer.onSenderReport(senderReport.ntpTimestamp(), senderReport.rtpTimestamp());
            }
            if (!received) {
                continue;
            }
            if (tap != null) {
                if (!video || !stream.simulcast()) {
                    tap.onSenderReport(stream.streamId(), video, senderReport.ntpTimestamp(),
                            senderReport.rtpTimestamp());
                } else if (stream.tapSelection.current() == layer.index) {
                    tap.onSenderReport(stream.streamId(), true, senderReport.ntpTimestamp(),
                            (senderReport.rtpTimestamp() + stream.tapSelection.timestampShift()) & 0xFFFF_FFFFL);
                }
            }
            for (Consumer subscription : stream.subscriptions()) {
                if (!video || !stream.simulcast()) {
                    forwardSenderReport(subscription, video, senderReport.rtpTimestamp());
                } else if (subscription.selection().current() == layer.index) {
                    // the layer this subscriber gets, on the timeline it gets it on
                    forwardSenderReport(subscription, true, (senderReport.rtpTimestamp()
                            + subscription.selection().timestampShift()) & 0xFFFF_FFFFL);
                }
            }
        }
    }

    /**
     * The publisher's NTP/RTP pair, under the subscriber's SSRC. Forwarded packets keep the publisher's RTP
     * timestamps, so the pair holds for the subscriber as it is; without it a browser cannot line a participant's
     * audio up with their video (WebRTC syncs only streams with sender reports). The report blocks stay behind:
     * they say what the publisher received, which means nothing on the subscriber's connection.
     */
    private void forwardSenderReport(Consumer subscription, boolean video, long rtpTimestamp) {
        WebRtcTransport link = subscription.link();
        if (!link.secure()) {
            return;
        }
        int n = Reports.writeSenderReport(scratch, 0, video ? subscription.videoSsrc() : subscription.audioSsrc(),
                senderReport.ntpTimestamp(), rtpTimestamp, senderReport.packetCount(),
                senderReport.octetCount());
        if (n > 0) {
            metrics.senderReportsForwarded.increment();
            sendRtcp(link, n);
            if (video) {
                subscription.roundTrip().senderReportSent(senderReport.ntpTimestamp(), System.nanoTime());
            }
        }
    }

    /** An SRTCP datagram from a subscriber's browser: NACKs, key frame requests, its reports. */
    void fromSubscriber(Producer stream, Consumer subscription, byte[] packet, int length) {
        if (!isRtcp(packet, length)) {
            return;
        }
        int plain = subscription.link().inbound().unprotectRtcp(packet, 0, length);
        if (plain < 0) {
            metrics.decryptFailures.increment();
            metrics.drop(MediaMetrics.Drop.DECRYPT_FAILED);
            return;
        }
        rtcp.reset(packet, 0, plain);
        while (rtcp.next()) {
            int at = rtcp.offset();
            int len = rtcp.length();
            if (GenericNack.is(packet, at, len)) {
                metrics.nacksReceived.increment();
                int count = GenericNack.lostSequenceNumbers(packet, at, len, sequenceNumbers);
                int lostOnDownlink = 0;
                for (int i = 0; i < count; i++) {
                    if (retransmit(stream, subscription, sequenceNumbers[i])) {
                        lostOnDownlink++;
                    }
                }
                if (subscription.downlink() != null && lostOnDownlink > 0) {
                    subscription.downlink().nacked(lostOnDownlink, System.nanoTime());
                }
            } else if (TransportFeedback.is(packet, at, len)) {
                long read = TransportFeedback.read(packet, at, len, feedbackArrivals);
                long now = System.nanoTime();
                if (read >= 0 && subscription.queue().onFeedback((int) (read >>> 16), (int) (read & 0xFFFF),
                        feedbackArrivals, now)) {
                    metrics.transportFeedbackReceived.increment();
                    if (subscription.downlink() != null
                            && subscription.downlink().queueMeasured(subscription.queue(), now)) {
                        metrics.standingQueues.increment();
                    }
                }
            } else if (receiverReport.decode(packet, at, len)) {
                // what the subscriber lost of its video: the congestion signal for its simulcast layers
                for (int b = 0; b < receiverReport.reportCount(); b++) {
                    if (receiverReport.reportBlock(b, lossBlock) && lossBlock.ssrc == subscription.videoSsrc()) {
                        long now = System.nanoTime();
                        subscription.lost(lossBlock.fractionLost, now);
                        subscription.roundTrip().answered(lossBlock.lastSenderReport,
                                lossBlock.delaySinceLastSenderReport, now);
                    }
                }
            } else if (KeyFrameRequests.isPli(packet, at, len) || KeyFrameRequests.isFir(packet, at, len)) {
                // the layer this subscriber decodes, or is switching to
                LayerSelection selection = subscription.selection();
                int wanted = !stream.simulcast() ? 0 : selection.switching() ? selection.target() : selection.current();
                if (wanted >= 0) {
                    stream.layers()[wanted].keyFrameWanted = true;
                }
            }
        }
        if (rtcp.failure() != null) {
            metrics.drop(MediaMetrics.Drop.MALFORMED_RTCP);
        }
        requestKeyFrames(stream, System.nanoTime());
    }

    /**
     * Every few tens of milliseconds: the publisher's transport-wide feedback, NACKs for its own losses, and a wanted
     * key frame request passed on.
     */
    void tick(Producer stream, long now) {
        WebRtcTransport publisher = stream.publisher();
        if (publisher == null || !publisher.secure()) {
            return;
        }
        if (now - stream.lastFreezeWatch >= FREEZE_WATCH_INTERVAL_NANOS) {
            stream.lastFreezeWatch = now;
            boolean sending = now - stream.videoArrivedNanos < FREEZE_WATCH_INTERVAL_NANOS * 3;
            for (Consumer subscription : stream.subscriptions()) {
                subscription.watchFreeze(now, sending, metrics);
            }
        }
        TransportFeedback feedback = stream.transportFeedback();
        if (feedback != null && now - stream.lastTransportFeedback >= TRANSPORT_FEEDBACK_INTERVAL_NANOS) {
            stream.lastTransportFeedback = now;
            for (int n; (n = feedback.write(scratch, 0, stream.routerSsrc())) > 0; ) {
                metrics.transportFeedbackSent.increment();
                sendRtcp(publisher, n);
            }
        }
        for (VideoLayer layer : stream.layers()) {
            if (layer.ssrc < 0) {
                continue;
            }
            int missing = layer.losses.collect(now, sequenceNumbers);
            if (missing > 0) {
                int n = GenericNack.write(scratch, 0, stream.routerSsrc(), layer.ssrc, sequenceNumbers, missing);
                if (n > 0) {
                    metrics.nacksSent.increment();
                    sendRtcp(publisher, n);
                }
            }
        }
        requestKeyFrames(stream, now);
    }

    /**
     * Every second: receiver reports for the publisher, and a REMB for one without transport-wide feedback: with
     * no bandwidth feedback at all a browser stays at its start bitrate; REMB lets it climb to {@link #REMB_BITRATE}.
     */
    void report(Producer stream, long now) {
        WebRtcTransport publisher = stream.publisher();
        if (publisher == null || !publisher.secure()) {
            return;
        }
        int count = 0;
        int ssrcs = 0;
        for (VideoLayer layer : stream.layers()) {
            layer.measure(now);
            if (layer.statistics != null) {
                layer.statistics.fill(blocks[count++], now);
                rembSsrcs[ssrcs++] = layer.ssrc;
            }
        }
        if (stream.audioStatistics != null) {
            stream.audioStatistics.fill(blocks[count++], now);
        }
        int n = Reports.writeReceiverReport(scratch, 0, stream.routerSsrc(), blocks, count);
        if (n < 0) {
            return;
        }
        if (ssrcs > 0 && stream.transportFeedback() == null) {
            int remb = Remb.write(scratch, n, stream.routerSsrc(), REMB_BITRATE, rembSsrcs, ssrcs);
            n = remb > 0 ? n + remb : n;
        }
        sendRtcp(publisher, n);
        if (stream.simulcast()) {
            chooseLayers(stream, now);
        }
    }

    /**
     * Each report: the recorder's layer, the highest that sent in the last interval (subscribers' layers are their
     * {@link Downlink}'s). A switch waits for the layer's key frame, asked for now and each report until it comes.
     */
    private void chooseLayers(Producer stream, long now) {
        VideoLayer[] layers = stream.layers();
        int recorded = LayerSelection.NONE;
        for (VideoLayer layer : layers) {
            recorded = layer.active() ? layer.index : recorded;
        }
        LayerSelection tap = stream.tapSelection;
        if (stream.tap != null && recorded != LayerSelection.NONE) {
            tap.target(recorded);
            if (tap.switching()) {
                layers[recorded].keyFrameWanted = true;
            }
        }
    }

    /** Sends the wanted key frame requests: a PLI per layer that wants one, each layer throttled on its own. */
    private void requestKeyFrames(Producer stream, long now) {
        WebRtcTransport publisher = stream.publisher();
        if (publisher == null || !publisher.secure()) {
            return;
        }
        boolean all = stream.keyFrameWanted;
        for (VideoLayer layer : stream.layers()) {
            if ((all || layer.keyFrameWanted) && layer.ssrc >= 0) {
                layer.keyFrameWanted = true;
                if (layer.keyFrames.shouldRequest(now)) {
                    layer.keyFrameWanted = false;
                    int n = KeyFrameRequests.writePli(scratch, 0, stream.routerSsrc(), layer.ssrc);
                    metrics.keyFrameRequests.increment();
                    sendRtcp(publisher, n);
                }
            }
        }
        if (all && stream.video().ssrc >= 0) {
            stream.keyFrameWanted = false;
        }
    }

    private void forward(Consumer subscription, boolean video, byte[] packet, int length, int transportAt, long now) {
        WebRtcTransport link = subscription.link();
        if (!link.secure()) {
            return;
        }
        if (video) {
            subscription.videoForwarded(now);
        }
        System.arraycopy(packet, 0, scratch, 0, length);
        RtpHeader.setSsrc(scratch, 0, video ? subscription.videoSsrc() : subscription.audioSsrc());
        RtpHeader.setPayloadType(scratch, 0, video ? subscription.videoPayloadType() : subscription.audioPayloadType());
        send(subscription, length, transportAt, now);
    }

    /**
     * Sends {@code bytes} of padding to a subscription on its RTX stream (RFC 3550 §5.1 padding, no payload): a
     * downlink's trial ({@link DownlinkProbe}). The browser's RTX receiver drops packets without payload, after its
     * transport has counted them.
     */
    void pad(Consumer subscription, int bytes) {
        WebRtcTransport link = subscription.link();
        if (bytes <= 0 || !link.secure() || subscription.rtxPayloadType() == Consumer.NO_RTX) {
            return;
        }
        int sent = 0;
        long now = System.nanoTime();
        while (sent < bytes) {
            scratch[0] = (byte) 0xB0; // version 2, padding, an extension
            scratch[1] = (byte) subscription.rtxPayloadType();
            RtpHeader.setSequenceNumber(scratch, 0, subscription.nextRtxSequence());
            RtpHeader.setSsrc(scratch, 0, subscription.rtxSsrc());
            // timestamp zero; one word of one-byte extensions (RFC 8285 §4.2): the transport-wide sequence number,
            // so that the padding shows in the subscriber's feedback as the load it is
            Arrays.fill(scratch, 4, 8, (byte) 0);
            int at = RtpHeader.FIXED_HEADER_LENGTH;
            Bytes.put16(scratch, at, 0xBEDE);
            Bytes.put16(scratch, at + 2, 1);
            scratch[at + 4] = (byte) (ExtensionIds.TRANSPORT_SEQUENCE << 4 | 1);
            numberForTransport(subscription, at + 5, now);
            scratch[at + 7] = 0;
            // padding zero; the last byte counts the padding
            int length = at + 8 + PADDING_PER_PACKET;
            Arrays.fill(scratch, at + 8, length - 1, (byte) 0);
            scratch[length - 1] = (byte) PADDING_PER_PACKET;
            int protectedLength = link.outbound().protect(scratch, 0, length);
            if (protectedLength <= 0) {
                return;
            }
            transport.send(link.remote(), scratch, protectedLength);
            sent += protectedLength;
        }
        metrics.paddingBytes.increment(sent);
    }

    /**
     * Answers one NACKed sequence number. Returns whether the router had sent that packet to the subscriber, so its
     * loss was the subscriber's downlink's: a packet the publisher's uplink lost never reached the router, and a
     * downlink that NACKs it is not full (counted as full, a subscriber of a publisher behind a lossy uplink had its
     * layers stepped down and up again, each switch waiting for a key frame over that uplink: 2.5 fps at 5% loss).
     */
    private boolean retransmit(Producer stream, Consumer subscription, int sequence) {
        int length;
        if (stream.simulcast()) {
            // the subscriber's sequence number names a packet of whichever layer it was forwarded from
            LayerSelection selection = subscription.selection();
            int layer = selection.layerOf(sequence);
            if (layer == LayerSelection.NONE) {
                return false;
            }
            if (!selection.resendable(layer)) {
                metrics.drop(MediaMetrics.Drop.SUPERSEDED_LAYER);
                return true;
            }
            int original = selection.sourceOf(sequence);
            length = stream.layers()[layer].retransmissions.copyTo(original, scratch, 0);
            if (length <= 0 || rtxHeader.decode(scratch, 0, length) != null) {
                return true;
            }
            renumber(scratch, rtxHeader.payloadOffset(), rtxHeader.payloadLength(), sequence,
                    (rtxHeader.timestamp() + selection.resentTimestampShift) & 0xFFFF_FFFFL,
                    selection.resentPictureIdShift, selection.resentTl0Shift);
        } else {
            length = stream.video().retransmissions.copyTo(sequence, scratch, 0);
            if (length <= 0) {
                return false; // never received, or long gone: nothing the downlink is to blame for
            }
        }
        if (!subscription.link().secure()) {
            return true;
        }
        if (subscription.rtxPayloadType() != Consumer.NO_RTX) {
            length = wrapRtx(subscription, length);
            if (length < 0) {
                return true;
            }
        } else {
            RtpHeader.setSsrc(scratch, 0, subscription.videoSsrc());
            RtpHeader.setPayloadType(scratch, 0, subscription.videoPayloadType());
        }
        if (rtxHeader.decode(scratch, 0, length) == null) {
            numberForTransport(subscription, transportSequenceAt(rtxHeader), System.nanoTime());
        }
        int protectedLength = subscription.link().outbound().protect(scratch, 0, length);
        if (protectedLength > 0) {
            metrics.retransmissions.increment();
            transport.send(subscription.link().remote(), scratch, protectedLength);
        }
        return true;
    }

    /**
     * Rewrites the stored packet in {@link #scratch} as an RTX packet (RFC 4588 §4): the original sequence number
     * becomes the first two bytes of the payload, and the header gets the RTX stream's SSRC, payload type and next
     * sequence number. Returns the new length, or -1 when the packet does not fit or does not parse.
     */
    private int wrapRtx(Consumer subscription, int length) {
        if (length + 2 > MAX_PACKET || rtxHeader.decode(scratch, 0, length) != null) {
            return -1;
        }
        int payloadAt = rtxHeader.payloadOffset();
        int original = rtxHeader.sequenceNumber();
        System.arraycopy(scratch, payloadAt, scratch, payloadAt + 2, length - payloadAt);
        scratch[payloadAt] = (byte) (original >>> 8);
        scratch[payloadAt + 1] = (byte) original;
        RtpHeader.setSsrc(scratch, 0, subscription.rtxSsrc());
        RtpHeader.setPayloadType(scratch, 0, subscription.rtxPayloadType());
        RtpHeader.setSequenceNumber(scratch, 0, subscription.nextRtxSequence());
        return length + 2;
    }

    /**
     * Media thread: turns the publisher's RTX packet in {@code packet} (decoded in {@link #header}) back into the
     * packet it repairs, in place: the original sequence number from the payload, the video payload type and SSRC.
     * Returns the original's length, or -1 when it repairs nothing: padding the browser sends to probe bandwidth,
     * or a packet that was not missing.
     */
    private int unwrapRtx(Producer stream, VideoLayer layer, byte[] packet, int length) {
        int payloadAt = header.payloadOffset();
        if (header.payloadLength() < 2 || layer.ssrc < 0) {
            return -1;
        }
        int original = (packet[payloadAt] & 0xFF) << 8 | (packet[payloadAt + 1] & 0xFF);
        if (!layer.losses.isMissing(original)) {
            return -1;
        }
        System.arraycopy(packet, payloadAt + 2, packet, payloadAt, length - payloadAt - 2);
        RtpHeader.setSequenceNumber(packet, 0, original);
        RtpHeader.setPayloadType(packet, 0, stream.videoPayloadType());
        RtpHeader.setSsrc(packet, 0, layer.ssrc);
        return length - 2;
    }

    private void sendRtcp(WebRtcTransport link, int length) {
        SrtpContext outbound = link.outbound();
        int protectedLength = outbound.protectRtcp(scratch, 0, length);
        if (protectedLength > 0) {
            transport.send(link.remote(), scratch, protectedLength);
        }
    }

    /** RFC 5761 §4: on a muxed port, RTCP packet types 192..223 occupy the second byte's range RTP never uses. */
    static boolean isRtcp(byte[] packet, int length) {
        if (length < 2) {
            return false;
        }
        int type = packet[1] & 0xFF;
        return type >= 192 && type <= 223;
    }
}
