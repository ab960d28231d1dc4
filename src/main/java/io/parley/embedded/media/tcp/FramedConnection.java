package io.parley.embedded.media.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One accepted TCP connection carrying RFC 4571 frames: a two-byte length, then that many bytes of one datagram.
 *
 * <p>Reading happens on the media thread only. Sending may happen on any thread (DTLS handshakes send their flights
 * from their own), so it is serialised here: a frame is written whole or queued whole, because a frame cut in two
 * would corrupt every frame after it. What the kernel cannot take at once waits in a queue of at most
 * {@link #MAX_QUEUED_BYTES}; past that, frames are dropped, as a full UDP socket buffer would drop datagrams, and the
 * peer's own congestion control sees the loss. No peer can make the router hold more than its queue.
 */
public final class FramedConnection {

    /** About 400 ms of a 5 Mbit/s stream: a slow reader costs the router little, a short stall loses nothing. */
    static final int MAX_QUEUED_BYTES = 256 * 1024;
    private static final int HEADER = 2;

    /** What a read found. */
    public enum Read { OPEN, ENDED, BAD_FRAME }

    /** Where frames go; {@code frame} is reused after the call returns. */
    public interface Frames {
        void frame(TcpPeerAddress from, byte[] frame, int length);
    }

    private final SocketChannel channel;
    private final TcpPeerAddress address;
    private final int maxFrame;
    private final ByteBuffer in;
    private final long openedNanos;
    // guarded by this: any thread sends
    private final ByteBuffer out;
    private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
    private int queuedBytes;
    private SelectionKey key;
    private boolean closed;
    // media thread only
    private long lastFrameNanos;
    private boolean checked;

    FramedConnection(SocketChannel channel, InetSocketAddress remote, int maxFrame, long nowNanos) {
        this.channel = channel;
        this.address = new TcpPeerAddress(remote, this);
        this.maxFrame = maxFrame;
        // several frames per read: a publisher's packets come in bursts of a frame's worth
        this.in = ByteBuffer.allocate(8 * (HEADER + maxFrame));
        this.out = ByteBuffer.allocateDirect(HEADER + 65535);
        this.openedNanos = nowNanos;
        this.lastFrameNanos = nowNanos;
    }

    synchronized void key(SelectionKey key) {
        this.key = key;
    }

    public TcpPeerAddress address() {
        return address;
    }

    /** Media thread: a valid ICE check came on this connection; it belongs to a peer connection now. */
    public void checked() {
        checked = true;
    }

    boolean isChecked() {
        return checked;
    }

    long openedNanos() {
        return openedNanos;
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    /**
     * Media thread: reads what has arrived and hands each whole frame to {@code frames}, copied into {@code scratch}
     * (at least {@code maxFrame} long). A frame of length 0 or longer than the router's largest datagram is not a
     * browser's, and ends the connection.
     */
    Read read(byte[] scratch, Frames frames, long nowNanos) throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            return Read.ENDED;
        }
        in.flip();
        try {
            while (in.remaining() >= HEADER) {
                int length = ((in.get(in.position()) & 0xFF) << 8) | (in.get(in.position() + 1) & 0xFF);
                if (length == 0 || length > maxFrame) {
                    return Read.BAD_FRAME;
                }
                if (in.remaining() < HEADER + length) {
                    break;
                }
                in.position(in.position() + HEADER);
                in.get(scratch, 0, length);
                lastFrameNanos = nowNanos;
                frames.frame(address, scratch, length);
            }
        } finally {
            in.compact();
        }
        return Read.OPEN;
    }

    /**
     * Frames {@code length} bytes of {@code packet} and writes them, or queues them behind what is already waiting.
     *
     * @return false when the frame was dropped: the connection is closed or its queue is full
     */
    public synchronized boolean send(byte[] packet, int length) {
        if (closed || length <= 0 || length > 65535) {
            return false;
        }
        if (!queued.isEmpty()) {
            return enqueue(packet, 0, length, true);
        }
        out.clear();
        out.put((byte) (length >>> 8)).put((byte) length).put(packet, 0, length).flip();
        try {
            channel.write(out);
        } catch (IOException e) {
            closed = true;
            return false;
        }
        if (!out.hasRemaining()) {
            return true;
        }
        // the kernel took part of the frame: the rest must go before anything else
        ByteBuffer rest = ByteBuffer.allocate(out.remaining());
        rest.put(out).flip();
        queued.addLast(rest);
        queuedBytes += rest.remaining();
        writeWhenPossible(true);
        return true;
    }

    /** Media thread, when the socket can take more: writes what was queued. */
    synchronized void flush() {
        try {
            while (!queued.isEmpty()) {
                ByteBuffer head = queued.peekFirst();
                int before = head.remaining();
                channel.write(head);
                queuedBytes -= before - head.remaining();
                if (head.hasRemaining()) {
                    return;
                }
                queued.pollFirst();
            }
        } catch (IOException e) {
            closed = true;
            queued.clear();
            queuedBytes = 0;
            return;
        }
        writeWhenPossible(false);
    }

    /** Bytes waiting for the kernel to take them. */
    synchronized int queuedBytes() {
        return queuedBytes;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the socket; frames sent afterwards are dropped. */
    synchronized void close() {
        closed = true;
        queued.clear();
        queuedBytes = 0;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket that failed: nothing left to release
        }
    }

    private boolean enqueue(byte[] packet, int offset, int length, boolean framed) {
        int size = (framed ? HEADER : 0) + length;
        if (queuedBytes + size > MAX_QUEUED_BYTES) {
            return false;
        }
        ByteBuffer frame = ByteBuffer.allocate(size);
        if (framed) {
            frame.put((byte) (length >>> 8)).put((byte) length);
        }
        frame.put(packet, offset, length).flip();
        queued.addLast(frame);
        queuedBytes += size;
        return true;
    }

    private void writeWhenPossible(boolean wanted) {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = wanted ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
            // a select already under way would not see the new interest until something else woke it
            key.selector().wakeup();
        }
    }
}
