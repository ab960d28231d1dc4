package io.parley.embedded.media.dtls;

import org.bouncycastle.tls.DatagramTransport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The DTLS engine's view of the router's shared UDP socket for one peer: datagrams come in through a bounded queue that
 * the packet loop fills with {@link #offer} (never blocking), and go out through a callback that sends them to the
 * peer's address.
 *
 * <p>Only the handshake (or post-handshake) thread calls {@link #receive}; it blocks there, never the packet loop.
 * A full queue drops the datagram and counts it: DTLS is built for loss, the sender retransmits its flight
 * (RFC 6347 §4.2.4).
 *
 * <p>{@link #close()} makes a blocked or later {@code receive} throw, which ends the handshake thread.
 */
public final class QueueDatagramTransport implements DatagramTransport {

    /**
     * The largest datagram sent: 1200 bytes leaves room for IPv6, TURN and tunnel headers on a 1280-byte minimum MTU
     * path, so no datagram is fragmented by IP; BouncyCastle fragments handshake messages to fit (RFC 6347 §4.2.3).
     */
    public static final int SEND_LIMIT = 1200;

    /** The largest datagram accepted: an Ethernet MTU's worth, more than any browser sends for DTLS. */
    public static final int RECEIVE_LIMIT = 1500;

    public static final int DEFAULT_CAPACITY = 64;

    /** Wakes a receiver blocked on an empty queue when the transport closes. */
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private final Consumer<byte[]> sender;
    private final DtlsDropCounts drops;
    private volatile boolean closed;

    /**
     * @param sender called on the DTLS thread with each outgoing datagram (a fresh array it may keep); it must not
     *               block for long, e.g. a non-blocking UDP send to the peer's selected address
     */
    public QueueDatagramTransport(int capacity, Consumer<byte[]> sender, DtlsDropCounts drops) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.drops = drops;
    }

    /**
     * Hands one received datagram to the DTLS thread; never blocks. The array is kept, so the caller must not reuse it.
     *
     * @return whether it was queued; a dropped datagram has been counted
     */
    public boolean offer(byte[] datagram) {
        if (closed) {
            drops.increment(DtlsDropReason.CLOSED);
            return false;
        }
        if (datagram.length > RECEIVE_LIMIT) {
            drops.increment(DtlsDropReason.OVERSIZE);
            return false;
        }
        if (!queue.offer(datagram)) {
            drops.increment(DtlsDropReason.QUEUE_FULL);
            return false;
        }
        return true;
    }

    /** Whether received datagrams wait to be read. */
    public boolean hasPending() {
        return !queue.isEmpty();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /**
     * Waits up to {@code waitMillis} for a datagram (0 waits until one arrives or the transport closes, as a UDP
     * socket's timeout of 0 does) and returns its length, or -1 when the wait ran out, which BouncyCastle treats as a
     * receive timeout. A datagram longer than {@code len} is truncated, as a UDP socket would.
     *
     * @throws IOException once the transport is closed
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        ensureOpen();
        byte[] datagram;
        try {
            datagram = waitMillis > 0 ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        }
        ensureOpen();
        if (datagram == null) {
            return -1;
        }
        int length = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    /** Copies the datagram and hands it to the sender; a sender that throws counts as a lost datagram, not an error. */
    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            drops.increment(DtlsDropReason.CLOSED);
            return;
        }
        byte[] datagram = new byte[len];
        System.arraycopy(buf, off, datagram, 0, len);
        try {
            sender.accept(datagram);
        } catch (RuntimeException e) {
            drops.increment(DtlsDropReason.SEND_FAILED);
        }
    }

    /** Idempotent; a receiver blocked on an empty queue wakes up and throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // If the queue is full the offer fails, but then a blocked receiver is impossible: poll returns at once and
        // ensureOpen throws.
        queue.offer(CLOSED);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
    }
}
