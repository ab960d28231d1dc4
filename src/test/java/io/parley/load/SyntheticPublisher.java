package io.parley.load;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * A publisher's media: the frames of a {@link MediaSchedule} at their times, packetized as Chrome does (VP8 with a
 * payload descriptor carrying a 15-bit picture id, at most {@link #MAX_PAYLOAD} bytes per packet, marker on a frame's
 * last packet; one Opus packet per frame), each packet ending in a {@link Trailer} with its send time. A key frame
 * request from the router (PLI or FIR) makes the next video frame a key frame.
 */
final class SyntheticPublisher {

    static final int AUDIO_PAYLOAD_TYPE = 111;
    static final int VIDEO_PAYLOAD_TYPE = 96;
    static final int MAX_PAYLOAD = 1100;

    private final MediaPeer peer;
    private final MediaSchedule schedule;
    private final LongAdder sent;
    private final long audioSsrc;
    private final long videoSsrc;
    private final byte[] packet = new byte[1500];
    private final long startMillis;
    private int next;
    private long loops;
    private int audioSequence = ThreadLocalRandom.current().nextInt(0x10000);
    private int videoSequence = ThreadLocalRandom.current().nextInt(0x10000);
    private int pictureId = ThreadLocalRandom.current().nextInt(0x8000);
    private final long audioBase = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
    private final long videoBase = ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
    private volatile boolean keyFrameRequested;
    final LongAdder keyFrameRequests = new LongAdder();

    SyntheticPublisher(MediaPeer peer, MediaSchedule schedule, long audioSsrc, long videoSsrc, LongAdder sent,
                       long startMillis) {
        this.peer = peer;
        this.audioSsrc = audioSsrc;
        this.videoSsrc = videoSsrc;
        this.schedule = schedule;
        this.sent = sent;
        this.startMillis = startMillis;
    }

    /** Sends every frame due by {@code nowMillis}; called by the pacer thread. */
    void sendDue(long nowMillis) throws IOException {
        while (true) {
            MediaSchedule.Frame frame = schedule.frames().get(next);
            long at = startMillis + loops * schedule.loopMillis() + frame.atMillis();
            if (at > nowMillis) {
                return;
            }
            long mediaMillis = loops * schedule.loopMillis() + frame.atMillis();
            if (frame.video()) {
                sendVideo(frame, mediaMillis);
            } else {
                sendAudio(frame, mediaMillis);
            }
            if (++next == schedule.frames().size()) {
                next = 0;
                loops++;
            }
        }
    }

    private void sendAudio(MediaSchedule.Frame frame, long mediaMillis) throws IOException {
        int payload = Math.max(frame.size(), 1 + Trailer.LENGTH);
        int at = header(false, AUDIO_PAYLOAD_TYPE, audioSequence++, audioBase + mediaMillis * 48, audioSsrc);
        packet[at] = (byte) 0x78;
        send(at, payload);
    }

    private void sendVideo(MediaSchedule.Frame frame, long mediaMillis) throws IOException {
        boolean key = frame.keyFrame() || keyFrameRequested;
        keyFrameRequested = false;
        int size = Math.max(frame.size(), 10 + Trailer.LENGTH);
        int picture = pictureId++ & 0x7FFF;
        long timestamp = videoBase + mediaMillis * 90;
        for (int offset = 0; offset < size; offset += MAX_PAYLOAD - 4) {
            int chunk = Math.min(MAX_PAYLOAD - 4, size - offset);
            boolean first = offset == 0;
            boolean last = offset + chunk >= size;
            int at = header(last, VIDEO_PAYLOAD_TYPE, videoSequence++, timestamp, videoSsrc);
            // RFC 7741 §4.2: X, S on a frame's first packet, partition 0; I with a 15-bit picture id (M set)
            packet[at] = (byte) (0x80 | (first ? 0x10 : 0));
            packet[at + 1] = (byte) 0x80;
            packet[at + 2] = (byte) (0x80 | picture >> 8);
            packet[at + 3] = (byte) picture;
            if (first) {
                // VP8 frame tag (RFC 6386 §9.1): P=0 is a key frame, show_frame=1; a key frame's start code and size
                byte[] tag = key ? new byte[] {0x10, 0, 0, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0xe0, 0x01}
                        : new byte[] {0x11, 0, 0};
                System.arraycopy(tag, 0, packet, at + 4, tag.length);
            }
            send(at, 4 + Math.max(chunk, Trailer.LENGTH + 10));
        }
    }

    private int header(boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        ByteBuffer.wrap(packet, 4, 8).putInt((int) timestamp).putInt((int) ssrc);
        return 12;
    }

    private void send(int headerLength, int payloadLength) throws IOException {
        int length = headerLength + payloadLength;
        Trailer.write(packet, length, System.nanoTime());
        peer.sendRtp(packet, length);
        sent.increment();
    }

    /** Reads what the router sends a publisher (SRTCP: reports, REMB, key frame requests) until stopped. */
    void receive(BooleanSupplier running) {
        byte[] buffer = new byte[1500];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running.getAsBoolean()) {
            try {
                if (!peer.receive(datagram)) {
                    continue;
                }
                int length = datagram.getLength();
                int type = buffer[1] & 0xFF;
                if (length < 8 || type < 192 || type > 223) {
                    continue;
                }
                int plain = peer.unprotectRtcp(buffer, length);
                for (int at = 0; at + 4 <= plain; ) {
                    int packetType = buffer[at + 1] & 0xFF;
                    int format = buffer[at] & 0x1F;
                    if (packetType == 206 && (format == 1 || format == 4)) {
                        keyFrameRequested = true;
                        keyFrameRequests.increment();
                    }
                    at += 4 * (((buffer[at + 2] & 0xFF) << 8 | buffer[at + 3] & 0xFF) + 1);
                }
            } catch (IOException e) {
                return;
            }
        }
    }
}
