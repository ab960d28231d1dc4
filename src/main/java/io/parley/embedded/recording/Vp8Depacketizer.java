package io.parley.embedded.recording;

import io.parley.embedded.media.rtp.RtpHeader;
import io.parley.embedded.media.rtp.SequenceNumbers;
import io.parley.embedded.media.rtp.Vp8Descriptor;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reassembles VP8 frames from RTP (RFC 7741). A frame is the run of packets with consecutive sequence numbers and one RTP
 * timestamp that starts with a packet whose descriptor has S=1 and PID=0 (§4.2) and ends with the marker bit (§4.1); its
 * bytes are the packets' payloads with each descriptor removed.
 *
 * <p>Packets are held in a small reorder buffer keyed by extended sequence number, so a packet overtaken by a few others
 * still completes its frame. When packets of more than {@link #MAX_PENDING_TIMESTAMPS} timestamps are waiting behind a
 * hole, the hole is taken as a loss: the frame is dropped, and every later delta frame too until a key frame, because a
 * delta frame predicted from a missing one decodes as garbage. {@link #needsKeyFrame()} says so, so that the caller can send
 * the publisher a PLI. A recording starts in that state, since a stream joined mid-way has no reference frame yet.
 */
public final class Vp8Depacketizer {

    /** Frames in flight that may still be completed by a late packet; about 100 ms at 30 fps. */
    static final int MAX_PENDING_TIMESTAMPS = 3;
    /** Bounds memory if a publisher sends a huge frame and its marker never comes. */
    static final int MAX_PENDING_PACKETS = 1024;

    private final RtpHeader header = new RtpHeader();
    private final Vp8Descriptor descriptor = new Vp8Descriptor();
    private final TreeMap<Long, Packet> pending = new TreeMap<>();
    private final Consumer<VideoFrame> sink;
    private boolean started;
    private long highest;
    /** Extended sequence number of the first packet not yet consumed; older packets are late and ignored. */
    private long next;
    /** False until a packet has left the buffer: before that, an early packet overtaken by the first one is still welcome. */
    private boolean consumed;
    private boolean needsKeyFrame = true;
    private long droppedFrames;

    public Vp8Depacketizer(Consumer<VideoFrame> sink) {
        this.sink = sink;
    }

    /** One decrypted RTP packet, header included, in arrival order; completed frames go to the sink before this returns. */
    public void push(byte[] packet, int off, int len) {
        if (header.decode(packet, off, len) != null
                || !descriptor.decode(packet, header.payloadOffset(), header.payloadLength())) {
            return;
        }
        long extended;
        if (started) {
            extended = SequenceNumbers.unwrap(highest, header.sequenceNumber());
            if (consumed && extended < next || pending.containsKey(extended)) {
                return;
            }
            highest = Math.max(highest, extended);
        } else {
            started = true;
            extended = highest = next = header.sequenceNumber();
        }
        int dataAt = header.payloadOffset() + descriptor.length();
        int dataLength = header.payloadLength() - descriptor.length();
        byte[] data = Arrays.copyOfRange(packet, dataAt, dataAt + dataLength);
        // RFC 7741 §4.3: the P bit of the payload header, present at a frame start, is 0 for a key frame.
        boolean key = descriptor.startsFrame() && (data[0] & 0x01) == 0;
        if (extended < next) {
            next = extended;
        }
        pending.put(extended, new Packet(data, header.timestamp(), header.marker(), descriptor.startsFrame(), key));
        drain();
    }

    /** True until a key frame has been written since the start or the last loss. */
    public boolean needsKeyFrame() {
        return needsKeyFrame;
    }

    /** Frames lost or skipped while waiting for a key frame. */
    public long droppedFrames() {
        return droppedFrames;
    }

    private void drain() {
        while (!pending.isEmpty()) {
            long first = pending.firstKey();
            Packet head = pending.get(first);
            if (first != next || !head.startsFrame) {
                // A hole before the head is waited on until it is clearly a loss. A head at the expected place that does
                // not start a frame continues one whose start is gone for good (unless nothing has left the buffer yet,
                // when the start may simply be late), so it is dropped at once.
                if (consumed && first == next && !head.startsFrame || stuck()) {
                    dropHeadFrame();
                    continue;
                }
                return;
            }
            long end = frameEnd(first, head.timestamp);
            if (end < 0) {
                if (stuck()) {
                    dropHeadFrame();
                    continue;
                }
                return;
            }
            emit(first, end, head);
        }
    }

    /** The extended sequence number of the marker packet ending the frame that starts at {@code first}, or -1 if incomplete. */
    private long frameEnd(long first, long timestamp) {
        long seq = first;
        while (true) {
            Packet packet = pending.get(seq);
            if (packet == null || packet.timestamp != timestamp) {
                return -1;
            }
            if (packet.marker) {
                return seq;
            }
            seq++;
        }
    }

    private void emit(long first, long end, Packet head) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (long seq = first; seq <= end; seq++) {
            frame.writeBytes(pending.remove(seq).data);
        }
        next = end + 1;
        consumed = true;
        if (head.key) {
            needsKeyFrame = false;
        }
        if (needsKeyFrame) {
            droppedFrames++;
            return;
        }
        sink.accept(new VideoFrame(frame.toByteArray(), head.timestamp, head.key));
    }

    /** Gives up on the oldest waiting timestamp: its packets go, and decoding must restart at a key frame. */
    private void dropHeadFrame() {
        long timestamp = pending.firstEntry().getValue().timestamp;
        long last = pending.firstKey();
        Iterator<Map.Entry<Long, Packet>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Packet> entry = it.next();
            if (entry.getValue().timestamp != timestamp) {
                break;
            }
            last = entry.getKey();
            it.remove();
        }
        next = last + 1;
        consumed = true;
        needsKeyFrame = true;
        droppedFrames++;
        if (!pending.isEmpty() && !pending.firstEntry().getValue().startsFrame) {
            // the rest of a frame whose start was lost must not be mistaken for a hole to wait on
            next = pending.firstKey();
        }
    }

    private boolean stuck() {
        if (pending.size() > MAX_PENDING_PACKETS) {
            return true;
        }
        int timestamps = 0;
        long previous = -1;
        for (Packet packet : pending.values()) {
            if (packet.timestamp != previous) {
                previous = packet.timestamp;
                if (++timestamps > MAX_PENDING_TIMESTAMPS) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Packet(byte[] data, long timestamp, boolean marker, boolean startsFrame, boolean key) {
    }
}
