package io.parley.embedded.media.router;

import io.parley.embedded.media.rtcp.GenericNack;
import io.parley.embedded.media.rtcp.KeyFrameRequests;
import io.parley.embedded.media.rtcp.ReceptionStatistics;
import io.parley.embedded.media.rtcp.Remb;
import io.parley.embedded.media.rtcp.ReportBlock;
import io.parley.embedded.media.rtcp.Reports;
import io.parley.embedded.media.rtcp.RtcpCompound;
import io.parley.embedded.media.rtcp.SenderReport;
import io.parley.embedded.media.rtp.AudioLevel;
import io.parley.embedded.media.rtp.LossDetector;
import io.parley.embedded.media.rtp.RtpHeader;
import io.parley.embedded.media.srtp.SrtpContext;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The forwarding path: a publisher's packet is decrypted once, kept for retransmission, and re-encrypted for each
 * subscriber with that subscriber's SSRC and payload type; subscribers' feedback is answered (NACK from the buffer,
 * PLI and FIR passed on to the publisher, throttled). Runs on the media thread only; its scratch buffers are reused
 * for every packet.
 */
final class Forwarder {

    /** What browsers are told they may send; enough for 640x480 to 720p video at full quality. */
    static final long REMB_BITRATE = 2_500_000;
    private static final int MAX_PACKET = 1500;
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
    private final RtcpCompound rtcp = new RtcpCompound();
    private final SenderReport senderReport = new SenderReport();
    private final byte[] scratch = new byte[MAX_PACKET + 64];
    private final int[] sequenceNumbers = new int[256];
    private final ReportBlock[] blocks = {new ReportBlock(), new ReportBlock()};
    private final long[] rembSsrcs = new long[2];

    Forwarder(DatagramSender transport, MediaMetrics metrics, int testLossPercent) {
        this.transport = transport;
        this.metrics = metrics;
        this.testLossPercent = testLossPercent;
    }

    /** An SRTP or SRTCP datagram from a publisher's browser. */
    void fromPublisher(Producer stream, WebRtcTransport link, byte[] packet, int length) {
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
        if (!received) {
            // decrypted to keep the SRTP context's index, and to know the SSRCs to ask for a key frame once received
            if (header.decode(packet, 0, plain) == null) {
                if (header.payloadType() == stream.videoPayloadType()) {
                    stream.videoSsrc = header.ssrc();
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
        if (header.payloadType() == stream.videoRtxPayloadType()) {
            plain = unwrapRtx(stream, packet, plain);
            if (plain < 0 || header.decode(packet, 0, plain) != null) {
                metrics.drop(MediaMetrics.Drop.RTX_UNNEEDED);
                return;
            }
            metrics.rtxReceived.increment();
        }
        header.renumberExtensions(stream.extensionIds());
        int payloadType = header.payloadType();
        int sequence = header.sequenceNumber();
        long now = System.nanoTime();
        boolean video = payloadType == stream.videoPayloadType();
        if (video) {
            if (stream.videoSsrc != header.ssrc() || stream.videoStatistics == null) {
                stream.videoSsrc = header.ssrc();
                stream.videoStatistics = new ReceptionStatistics(header.ssrc(), Producer.VIDEO_CLOCK_RATE);
                stream.losses.reset();
                stream.retransmissions.clear();
            }
            stream.videoStatistics.onPacket(sequence, header.timestamp(), now);
            stream.retransmissions.store(packet, 0, plain, sequence);
            if (stream.losses.onPacket(sequence, now) == LossDetector.GAP_TOO_LARGE) {
                stream.keyFrameWanted = true;
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
        if (tap != null) {
            tap.onRtp(stream.streamId(), video, packet, plain, now);
        }
        if (stream.subscriptions().isEmpty()) {
            if (tap == null) {
                metrics.drop(MediaMetrics.Drop.NO_SUBSCRIBERS);
            }
            return;
        }
        for (Consumer subscription : stream.subscriptions()) {
            forward(subscription, video, packet, plain);
        }
    }

    private void senderReports(Producer stream, byte[] packet, int length) {
        RtpObserver tap = stream.tap;
        if (tap == null && stream.subscriptions().isEmpty()) {
            return;
        }
        rtcp.reset(packet, 0, length);
        while (rtcp.next()) {
            if (!senderReport.decode(packet, rtcp.offset(), rtcp.length())) {
                continue;
            }
            long ssrc = senderReport.ssrc();
            if (ssrc != stream.videoSsrc && ssrc != stream.audioSsrc) {
                continue;
            }
            boolean video = ssrc == stream.videoSsrc;
            if (tap != null) {
                tap.onSenderReport(stream.streamId(), video, senderReport.ntpTimestamp(), senderReport.rtpTimestamp());
            }
            for (Consumer subscription : stream.subscriptions()) {
                forwardSenderReport(subscription, video);
            }
        }
    }

    /**
     * The publisher's NTP/RTP pair, under the subscriber's SSRC. Forwarded packets keep the publisher's RTP
     * timestamps, so the pair holds for the subscriber as it is; without it a browser cannot line a participant's
     * audio up with their video (WebRTC syncs only streams with sender reports). The report blocks stay behind:
     * they say what the publisher received, which means nothing on the subscriber's connection.
     */
    private void forwardSenderReport(Consumer subscription, boolean video) {
        WebRtcTransport link = subscription.link();
        if (!link.secure()) {
            return;
        }
        int n = Reports.writeSenderReport(scratch, 0, video ? subscription.videoSsrc() : subscription.audioSsrc(),
                senderReport.ntpTimestamp(), senderReport.rtpTimestamp(), senderReport.packetCount(),
                senderReport.octetCount());
        if (n > 0) {
            metrics.senderReportsForwarded.increment();
            sendRtcp(link, n);
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
                for (int i = 0; i < count; i++) {
                    retransmit(stream, subscription, sequenceNumbers[i]);
                }
            } else if (KeyFrameRequests.isPli(packet, at, len) || KeyFrameRequests.isFir(packet, at, len)) {
                stream.keyFrameWanted = true;
            }
        }
        if (rtcp.failure() != null) {
            metrics.drop(MediaMetrics.Drop.MALFORMED_RTCP);
        }
        if (stream.keyFrameWanted) {
            requestKeyFrame(stream, System.nanoTime());
        }
    }

    /** Every few tens of milliseconds: NACK the publisher's own losses, and pass on a wanted key frame request. */
    void tick(Producer stream, long now) {
        WebRtcTransport publisher = stream.publisher();
        if (publisher == null || !publisher.secure() || stream.videoSsrc < 0) {
            return;
        }
        int missing = stream.losses.collect(now, sequenceNumbers);
        if (missing > 0) {
            int n = GenericNack.write(scratch, 0, stream.routerSsrc(), stream.videoSsrc, sequenceNumbers, missing);
            if (n > 0) {
                metrics.nacksSent.increment();
                sendRtcp(publisher, n);
            }
        }
        if (stream.keyFrameWanted) {
            requestKeyFrame(stream, now);
        }
    }

    /**
     * Every second: receiver reports and a REMB for the publisher. Without receive-side bandwidth feedback a browser
     * stays at its start bitrate; REMB lets it climb to {@link #REMB_BITRATE}.
     */
    void report(Producer stream, long now) {
        WebRtcTransport publisher = stream.publisher();
        if (publisher == null || !publisher.secure()) {
            return;
        }
        int count = 0;
        int ssrcs = 0;
        if (stream.videoStatistics != null) {
            stream.videoStatistics.fill(blocks[count++], now);
            rembSsrcs[ssrcs++] = stream.videoSsrc;
        }
        if (stream.audioStatistics != null) {
            stream.audioStatistics.fill(blocks[count++], now);
        }
        int n = Reports.writeReceiverReport(scratch, 0, stream.routerSsrc(), blocks, count);
        if (n < 0) {
            return;
        }
        if (ssrcs > 0) {
            int remb = Remb.write(scratch, n, stream.routerSsrc(), REMB_BITRATE, rembSsrcs, ssrcs);
            n = remb > 0 ? n + remb : n;
        }
        sendRtcp(publisher, n);
    }

    private void requestKeyFrame(Producer stream, long now) {
        WebRtcTransport publisher = stream.publisher();
        if (publisher == null || !publisher.secure() || stream.videoSsrc < 0 || !stream.keyFrames.shouldRequest(now)) {
            return;
        }
        stream.keyFrameWanted = false;
        int n = KeyFrameRequests.writePli(scratch, 0, stream.routerSsrc(), stream.videoSsrc);
        metrics.keyFrameRequests.increment();
        sendRtcp(publisher, n);
    }

    private void forward(Consumer subscription, boolean video, byte[] packet, int length) {
        WebRtcTransport link = subscription.link();
        if (!link.secure()) {
            return;
        }
        System.arraycopy(packet, 0, scratch, 0, length);
        RtpHeader.setSsrc(scratch, 0, video ? subscription.videoSsrc() : subscription.audioSsrc());
        RtpHeader.setPayloadType(scratch, 0, video ? subscription.videoPayloadType() : subscription.audioPayloadType());
        int protectedLength = link.outbound().protect(scratch, 0, length);
        if (protectedLength > 0) {
            transport.send(link.remote(), scratch, protectedLength);
        }
    }

    private void retransmit(Producer stream, Consumer subscription, int sequence) {
        int length = stream.retransmissions.copyTo(sequence, scratch, 0);
        if (length <= 0 || !subscription.link().secure()) {
            return;
        }
        if (subscription.rtxPayloadType() != Consumer.NO_RTX) {
            length = wrapRtx(subscription, length);
            if (length < 0) {
                return;
            }
        } else {
            RtpHeader.setSsrc(scratch, 0, subscription.videoSsrc());
            RtpHeader.setPayloadType(scratch, 0, subscription.videoPayloadType());
        }
        int protectedLength = subscription.link().outbound().protect(scratch, 0, length);
        if (protectedLength > 0) {
            metrics.retransmissions.increment();
            transport.send(subscription.link().remote(), scratch, protectedLength);
        }
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
    private int unwrapRtx(Producer stream, byte[] packet, int length) {
        int payloadAt = header.payloadOffset();
        if (header.payloadLength() < 2 || stream.videoSsrc < 0) {
            return -1;
        }
        int original = (packet[payloadAt] & 0xFF) << 8 | (packet[payloadAt + 1] & 0xFF);
        if (!stream.losses.isMissing(original)) {
            return -1;
        }
        System.arraycopy(packet, payloadAt + 2, packet, payloadAt, length - payloadAt - 2);
        RtpHeader.setSequenceNumber(packet, 0, original);
        RtpHeader.setPayloadType(packet, 0, stream.videoPayloadType());
        RtpHeader.setSsrc(packet, 0, stream.videoSsrc);
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
