package io.parley.embedded.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Synthetic RTP: VP8 frames split RFC 7741 style, Opus packets, with well-formed headers and fake codec data. */
final class Packets {

    static final int VP8_PT = 96;
    static final int OPUS_PT = 111;

    private Packets() {
    }

    static byte[] rtp(int payloadType, int sequence, long timestamp, boolean marker, byte[] payload) {
        byte[] packet = new byte[12 + payload.length];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
            packet[8 + i] = (byte) (0x11223344L >>> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return packet;
    }

    /** A key frame: frame tag with P=0, the start code 9d 01 2a, 14-bit little-endian width and height, then noise. */
    static byte[] keyFrame(int width, int height, int size, Random random) {
        byte[] frame = new byte[size];
        random.nextBytes(frame);
        frame[0] = 0x10;
        frame[1] = 0x02;
        frame[2] = 0x00;
        frame[3] = (byte) 0x9D;
        frame[4] = 0x01;
        frame[5] = 0x2A;
        frame[6] = (byte) width;
        frame[7] = (byte) (width >>> 8);
        frame[8] = (byte) height;
        frame[9] = (byte) (height >>> 8);
        return frame;
    }

    /** A delta frame: the frame tag's P bit (inverse key frame flag) is 1. */
    static byte[] deltaFrame(int size, Random random) {
        byte[] frame = new byte[size];
        random.nextBytes(frame);
        frame[0] = (byte) (frame[0] | 0x01);
        return frame;
    }

    /**
     * The frame split into {@code count} packets from {@code firstSequence}: the first descriptor has S=1 PID=0, with an
     * extended descriptor carrying a 15-bit picture id to exercise the descriptor walk; the last packet has the marker.
     */
    static List<byte[]> vp8(int firstSequence, long timestamp, byte[] frame, int count, int pictureId) {
        List<byte[]> packets = new ArrayList<>();
        int chunk = (frame.length + count - 1) / count;
        for (int i = 0; i < count; i++) {
            int from = i * chunk;
            int to = Math.min(frame.length, from + chunk);
            byte[] descriptor = {(byte) (0x80 | (i == 0 ? 0x10 : 0)), (byte) 0x80,
                    (byte) (0x80 | pictureId >>> 8), (byte) pictureId};
            byte[] payload = new byte[descriptor.length + to - from];
            System.arraycopy(descriptor, 0, payload, 0, descriptor.length);
            System.arraycopy(frame, from, payload, descriptor.length, to - from);
            packets.add(rtp(VP8_PT, (firstSequence + i) & 0xFFFF, timestamp, i == count - 1, payload));
        }
        return packets;
    }

    static byte[] opus(int sequence, long timestamp, Random random) {
        byte[] payload = new byte[60 + random.nextInt(40)];
        random.nextBytes(payload);
        payload[0] = (byte) 0xFC; // TOC: CELT fullband 20 ms, one frame (RFC 6716 §3.1)
        return rtp(OPUS_PT, sequence & 0xFFFF, timestamp, false, payload);
    }

    static byte[] payloadOf(byte[] packet) {
        return Arrays.copyOfRange(packet, 12, packet.length);
    }
}
