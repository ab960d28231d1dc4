package io.parley.embedded.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The router's DTLS server for one peer connection (RFC 5764 DTLS-SRTP): the browser is the DTLS client because the
 * router answers {@code a=setup:passive} (RFC 5763 §5), and the handshake's only product is the SRTP keys.
 *
 * <p>Threads. The packet loop calls {@link #handle} for every datagram whose first byte is 20..63 (RFC 7983 §7); it only
 * enqueues, never blocks, and counts what it drops. The handshake runs on the executor given to {@link #start}, which
 * blocks one of its threads for up to the handshake timeout; the {@code sender} is called on that thread too.
 * The executor's {@code execute} must not block (a {@link java.util.concurrent.ThreadPoolExecutor} does not): it is
 * also called from the packet loop, see below.
 *
 * <p>After the handshake. WebRTC data channels are out of scope, so DTLS application data is discarded and counted.
 * The endpoint still reads later records, because two of them matter: a retransmitted client Finished flight means
 * our final flight was lost, and BouncyCastle answers it by retransmitting (RFC 6347 §4.2.4, the last flight's sender
 * keeps it for 2 MSL); a close_notify or fatal alert ends the association. Rather than park a thread per peer in a
 * receive loop for the connection's lifetime, a datagram arriving after the handshake schedules one short task on the
 * executor that processes whatever is queued and returns.
 *
 * <p>No HelloVerifyRequest. RFC 6347 §4.2.1's cookie exchange protects against spoofed source addresses; the router
 * hands an endpoint only datagrams from the address an authenticated ICE check selected, so it would only add a round
 * trip to every join.
 */
public final class DtlsServerEndpoint implements AutoCloseable {

    /** Long enough for a few retransmissions on a lossy path (RFC 6347 §4.2.4.1 starts at 1 s and doubles). */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private enum State { NEW, HANDSHAKING, CONNECTED, CLOSED }

    private final DtlsCertificate certificate;
    private final DtlsFingerprint remoteFingerprint;
    private final int handshakeTimeoutMillis;
    private final DtlsDropCounts drops;
    private final QueueDatagramTransport transport;
    private final CompletableFuture<SrtpKeyMaterial> keys = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean draining = new AtomicBoolean();
    /** BouncyCastle's record layer is not thread-safe; the drain and close tasks may run on different pool threads. */
    private final Object recordLayerLock = new Object();

    private volatile Executor executor;
    private volatile DTLSTransport established;
    private volatile boolean closeRequested;

    /** An endpoint with the default handshake timeout and queue capacity. */
    public DtlsServerEndpoint(DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, Consumer<byte[]> sender,
                              DtlsDropCounts drops) {
        this(certificate, remoteFingerprint, sender, drops, DEFAULT_HANDSHAKE_TIMEOUT,
                QueueDatagramTransport.DEFAULT_CAPACITY);
    }

    /**
     * @param certificate       the router's certificate, whose fingerprint went into the SDP answer
     * @param remoteFingerprint the {@code a=fingerprint} of the peer's SDP offer
     * @param sender            sends one datagram to the peer; called on a DTLS thread, must not block for long
     * @param drops             counters shared by the endpoints of one port
     */
    public DtlsServerEndpoint(DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, Consumer<byte[]> sender,
                              DtlsDropCounts drops, Duration handshakeTimeout, int queueCapacity) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.remoteFingerprint = Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        this.drops = Objects.requireNonNull(drops, "drops");
        long millis = handshakeTimeout.toMillis();
        if (millis <= 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshake timeout must be positive and below 24 days");
        }
        this.handshakeTimeoutMillis = (int) millis;
        this.transport = new QueueDatagramTransport(queueCapacity, Objects.requireNonNull(sender, "sender"), drops);
    }

    /** Whether a datagram is DTLS by RFC 7983 §7's first-byte rule (20..63), as opposed to STUN, RTP/RTCP or TURN. */
    public static boolean isDtls(byte[] buf, int off, int len) {
        if (len < 1) {
            return false;
        }
        int first = buf[off] & 0xff;
        return first >= 20 && first <= 63;
    }

    /**
     * Starts the handshake on {@code handshakeExecutor} and returns at once. The future completes with the SRTP keys,
     * or fails with a {@link DtlsHandshakeException} saying why.
     *
     * @throws IllegalStateException if called twice
     */
    public CompletableFuture<SrtpKeyMaterial> start(Executor handshakeExecutor) {
        Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
        this.executor = handshakeExecutor;
        if (!state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            if (state.get() == State.CLOSED) {
                return keys;
            }
            throw new IllegalStateException("DTLS endpoint already started");
        }
        try {
            handshakeExecutor.execute(this::handshake);
        } catch (RejectedExecutionException e) {
            fail(new DtlsHandshakeException(DtlsFailureReason.EXECUTOR_REJECTED, "handshake executor refused the task", e));
        }
        return keys;
    }

    /** The future {@link #start} returned. */
    public CompletableFuture<SrtpKeyMaterial> keys() {
        return keys;
    }

    /** Completes when the endpoint ends for any reason: handshake failure, peer's close_notify or fatal alert, close(). */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public boolean isConnected() {
        return state.get() == State.CONNECTED;
    }

    public boolean isClosed() {
        return state.get() == State.CLOSED;
    }

    public DtlsFingerprint remoteFingerprint() {
        return remoteFingerprint;
    }

    /**
     * Called by the packet loop with one received datagram; never blocks, never throws for bad input (drops are
     * counted). The array is kept: the caller must not reuse it, see {@link #handle(byte[], int, int)} otherwise.
     */
    public void handle(byte[] datagram) {
        if (!isDtls(datagram, 0, datagram.length)) {
            drops.increment(DtlsDropReason.NOT_DTLS);
            return;
        }
        if (state.get() == State.CLOSED) {
            drops.increment(DtlsDropReason.CLOSED);
            return;
        }
        if (!transport.offer(datagram)) {
            return;
        }
        // Read the state after the offer: the handshake thread sets CONNECTED before it looks at the queue, so one of
        // the two always sees a datagram that raced with the end of the handshake.
        if (state.get() == State.CONNECTED) {
            scheduleDrain();
        }
    }

    /** Like {@link #handle(byte[])} for a datagram in a buffer the packet loop reuses; copies only DTLS datagrams. */
    public void handle(byte[] buf, int off, int len) {
        if (!isDtls(buf, off, len)) {
            drops.increment(DtlsDropReason.NOT_DTLS);
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        handle(copy);
    }

    /**
     * Ends the association: during the handshake the future fails with {@link DtlsFailureReason#CLOSED}; after it, a
     * close_notify is sent (RFC 5246 §7.2.1) so the browser stops at once instead of on a consent timeout. Idempotent.
     */
    @Override
    public void close() {
        closeRequested = true;
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        keys.completeExceptionally(new DtlsHandshakeException(DtlsFailureReason.CLOSED, "endpoint closed", null));
        closed.complete(null);
        if (previous == State.CONNECTED) {
            try {
                executor.execute(this::closeRecordLayer);
                return;
            } catch (RejectedExecutionException e) {
                drops.increment(DtlsDropReason.EXECUTOR_REJECTED);
            }
        }
        transport.close();
    }

    private void handshake() {
        SrtpTlsServer server = new SrtpTlsServer(new BcTlsCrypto(new SecureRandom()), certificate, remoteFingerprint,
                handshakeTimeoutMillis, this::peerClosed);
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        protocol.setVerifyRequests(false);
        DTLSTransport dtls;
        SrtpKeyMaterial material;
        try {
            dtls = protocol.accept(server, transport);
            material = server.keys();
        } catch (IOException | RuntimeException e) {
            fail(describe(server, e));
            return;
        }
        synchronized (recordLayerLock) {
            established = dtls;
        }
        if (!state.compareAndSet(State.HANDSHAKING, State.CONNECTED)) {
            // closed while the handshake finished: close() has already failed the future
            closeRecordLayer();
            return;
        }
        keys.complete(material);
        if (transport.hasPending()) {
            scheduleDrain();
        }
    }

    private void fail(DtlsHandshakeException failure) {
        state.set(State.CLOSED);
        transport.close();
        keys.completeExceptionally(failure);
        closed.complete(null);
    }

    private DtlsHandshakeException describe(SrtpTlsServer server, Exception e) {
        if (server.failure() != null) {
            return new DtlsHandshakeException(server.failure(), e.getMessage(), e);
        }
        if (closeRequested) {
            return new DtlsHandshakeException(DtlsFailureReason.CLOSED, "endpoint closed during the handshake", e);
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsHandshakeException(DtlsFailureReason.TIMEOUT,
                    "no completed handshake within " + handshakeTimeoutMillis + " ms", e);
        }
        if (e instanceof TlsFatalAlertReceived alert) {
            return new DtlsHandshakeException(DtlsFailureReason.ALERT_RECEIVED,
                    "peer sent fatal alert " + AlertDescription.getText(alert.getAlertDescription()), e);
        }
        return new DtlsHandshakeException(DtlsFailureReason.PROTOCOL_ERROR, String.valueOf(e.getMessage()), e);
    }

    private void scheduleDrain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            drops.increment(DtlsDropReason.EXECUTOR_REJECTED);
        }
    }

    /** Processes the records queued after the handshake; see the class comment for why. */
    private void drain() {
        byte[] buf = new byte[QueueDatagramTransport.RECEIVE_LIMIT];
        do {
            try {
                synchronized (recordLayerLock) {
                    while (transport.hasPending() && state.get() == State.CONNECTED) {
                        // 1 ms, not 0: BouncyCastle reads 0 as "wait for the next datagram", which would park the thread
                        if (established.receive(buf, 0, buf.length, 1) >= 0) {
                            drops.increment(DtlsDropReason.APPLICATION_DATA);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a fatal alert, either way, or a record layer BouncyCastle has already failed and closed
                peerClosed();
                transport.close();
            } finally {
                draining.set(false);
            }
        } while (transport.hasPending() && state.get() == State.CONNECTED && draining.compareAndSet(false, true));
    }

    /** BouncyCastle saw the peer's close_notify or a fatal alert. */
    private void peerClosed() {
        if (state.compareAndSet(State.CONNECTED, State.CLOSED)) {
            closed.complete(null);
        }
    }

    private void closeRecordLayer() {
        synchronized (recordLayerLock) {
            try {
                if (established != null) {
                    established.close();
                }
            } catch (IOException e) {
                drops.increment(DtlsDropReason.SEND_FAILED);
            } finally {
                transport.close();
            }
        }
    }
}
