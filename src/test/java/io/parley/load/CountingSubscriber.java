package io.parley.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.DatagramPacket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A subscriber that counts what the router forwards on one link: packets per SSRC, sequence gaps (loss), and the
 * one-way delay from each packet's {@link Trailer}. Runs on its own receive thread; {@link #snapshot} is read by the
 * main thread under the same lock.
 */
final class CountingSubscriber {

    private final MediaPeer peer;
    private final Map<Long, Sequence> sequences = new HashMap<>();
    private Histogram delays = new Histogram(10_000_000L, 3);
    private long received;
    private long lost;
    private long undecryptable;

    /** One SSRC's extended sequence state. */
    private static final class Sequence {
        int highest = -1;
    }

    /** What was counted since the last reset. */
    record Counts(long received, long lost, long undecryptable, Histogram delaysMicros) {
    }

    CountingSubscriber(MediaPeer peer) {
        this.peer = peer;
    }

    void receive(BooleanSupplier running) {
        byte[] buffer = new byte[1500];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running.getAsBoolean()) {
            try {
                if (!peer.receive(datagram)) {
                    continue;
                }
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            int length = datagram.getLength();
            int type = buffer[1] & 0xFF;
            if (length < 12 || (buffer[0] & 0xC0) != 0x80 || type >= 192 && type <= 223) {
                continue;
            }
            int plain = peer.unprotectRtp(buffer, length);
            synchronized (this) {
                if (plain < 0) {
                    undecryptable++;
                    continue;
                }
                count(buffer, plain, now);
            }
        }
    }

    private void count(byte[] packet, int length, long now) {
        received++;
        int sequence = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
        long ssrc = ((packet[8] & 0xFFL) << 24) | (packet[9] & 0xFF) << 16 | (packet[10] & 0xFF) << 8
                | packet[11] & 0xFF;
        Sequence state = sequences.computeIfAbsent(ssrc, s -> new Sequence());
        if (state.highest >= 0) {
            int step = (sequence - state.highest) & 0xFFFF;
            if (step > 0 && step < 0x8000) {
                lost += step - 1;
                state.highest = sequence;
            }
            // older packets (reordered or retransmitted) fill no counted gap: loss is never under-reported
        } else {
            state.highest = sequence;
        }
        long sent = Trailer.read(packet, 12, length);
        if (sent != Long.MIN_VALUE) {
            long micros = Math.max(0, (now - sent) / 1000);
            delays.recordValue(Math.min(micros, delays.getHighestTrackableValue()));
        }
    }

    /** The counts since the last call, and starts counting afresh. */
    synchronized Counts snapshot() {
        Counts counts = new Counts(received, lost, undecryptable, delays);
        received = 0;
        lost = 0;
        undecryptable = 0;
        delays = new Histogram(10_000_000L, 3);
        return counts;
    }
}
