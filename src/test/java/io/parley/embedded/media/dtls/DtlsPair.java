package io.parley.embedded.media.dtls;

import io.parley.embedded.media.srtp.SrtpProfile;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A server endpoint and a {@link TestDtlsClient} wired together in memory: the server's sender offers to the client's
 * queue, the client's sender hands datagrams to {@link DtlsServerEndpoint#handle}, the way the packet loop would.
 */
final class DtlsPair implements AutoCloseable {

    static final String HANDSHAKE_THREAD = "dtls-handshake-test";

    /** Generated once: key generation is the slow part of these tests. */
    static final DtlsCertificate SERVER_CERTIFICATE = DtlsCertificate.generate();
    static final DtlsCertificate CLIENT_CERTIFICATE = DtlsCertificate.generate();
    static final DtlsCertificate OTHER_CERTIFICATE = DtlsCertificate.generate();

    final DtlsDropCounts serverDrops = new DtlsDropCounts();
    final DtlsDropCounts clientDrops = new DtlsDropCounts();
    final List<String> serverSendThreads = new CopyOnWriteArrayList<>();
    final ExecutorService handshakeExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, HANDSHAKE_THREAD));
    final ExecutorService clientExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "dtls-client-test"));
    final QueueDatagramTransport clientTransport;
    final DtlsServerEndpoint server;
    volatile DTLSTransport clientDtls;
    /** Decides which of the server's datagrams reach the client; lets a test lose some. */
    volatile Predicate<byte[]> serverToClient = datagram -> true;

    DtlsPair(DtlsFingerprint expectedClientFingerprint, Duration handshakeTimeout,
             Consumer<byte[]> clientToServer) {
        server = new DtlsServerEndpoint(SERVER_CERTIFICATE, expectedClientFingerprint, this::serverSend, serverDrops,
                handshakeTimeout, 64);
        clientTransport = new QueueDatagramTransport(64, clientToServer == null ? server::handle : clientToServer,
                clientDrops);
    }

    DtlsPair() {
        this(CLIENT_CERTIFICATE.fingerprint(), Duration.ofSeconds(5), null);
    }

    /** Runs the client handshake on its own thread; completes with the keys the client exported. */
    CompletableFuture<SrtpKeyMaterial> connect(TestDtlsClient client) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                clientDtls = new DTLSClientProtocol().connect(client, clientTransport);
                return client.exportKeys();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, clientExecutor);
    }

    CompletableFuture<SrtpKeyMaterial> connect() {
        return connect(new TestDtlsClient(CLIENT_CERTIFICATE, SERVER_CERTIFICATE.fingerprint(),
                SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsId()));
    }

    private void serverSend(byte[] datagram) {
        serverSendThreads.add(Thread.currentThread().getName());
        if (serverToClient.test(datagram)) {
            clientTransport.offer(datagram);
        }
    }

    @Override
    public void close() {
        server.close();
        clientTransport.close();
        handshakeExecutor.shutdownNow();
        clientExecutor.shutdownNow();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
