package io.parley.embedded.media.dtls;

import io.parley.embedded.media.srtp.SrtpProfile;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtlsServerEndpointTest {

    private static final long WAIT_SECONDS = 10;

    @Test
    void handshakeYieldsTheSameSrtpKeysOnBothSides() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            SrtpKeyMaterial clientKeys = pair.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            SrtpKeyMaterial keys = serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(keys).isEqualTo(clientKeys);
            assertThat(keys.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
            assertThat(keys.clientWriteKey()).hasSize(16).isNotEqualTo(keys.serverWriteKey());
            assertThat(keys.clientWriteSalt()).hasSize(14).isNotEqualTo(keys.serverWriteSalt());
            assertThat(keys.toString()).doesNotContain(hexOf(keys.clientWriteKey()));
            assertThat(pair.server.isConnected()).isTrue();
        }
    }

    @Test
    void handshakeRunsOnTheGivenExecutorNotOnTheCaller() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            assertThat(serverKeys).isNotDone(); // start returned before any ClientHello existed

            pair.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(pair.serverSendThreads).isNotEmpty()
                    .allMatch(DtlsPair.HANDSHAKE_THREAD::equals)
                    .doesNotContain(Thread.currentThread().getName());
        }
    }

    @Test
    void aClientCertificateWithAnotherFingerprintFailsTheHandshake() throws Exception {
        try (DtlsPair pair = new DtlsPair(DtlsPair.OTHER_CERTIFICATE.fingerprint(), Duration.ofSeconds(5), null)) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            CompletableFuture<SrtpKeyMaterial> clientKeys = pair.connect();

            assertFailure(serverKeys, DtlsFailureReason.FINGERPRINT_MISMATCH);
            assertThatThrownBy(() -> clientKeys.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(pair.server.closed()).isDone();
        }
    }

    @Test
    void aClientWithoutUseSrtpFailsTheHandshake() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            pair.connect(new TestDtlsClient(DtlsPair.CLIENT_CERTIFICATE, DtlsPair.SERVER_CERTIFICATE.fingerprint()));

            assertFailure(serverKeys, DtlsFailureReason.NO_COMMON_SRTP_PROFILE);
        }
    }

    @Test
    void aClientOfferingOnlyProfilesTheSrtpPackageLacksFailsTheHandshake() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            pair.connect(new TestDtlsClient(DtlsPair.CLIENT_CERTIFICATE, DtlsPair.SERVER_CERTIFICATE.fingerprint(),
                    SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM));

            assertFailure(serverKeys, DtlsFailureReason.NO_COMMON_SRTP_PROFILE);
        }
    }

    @Test
    void theClientsFirstImplementedProfileIsNegotiatedAndCarriedWithTheKeys() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            pair.connect(new TestDtlsClient(DtlsPair.CLIENT_CERTIFICATE, DtlsPair.SERVER_CERTIFICATE.fingerprint(),
                    SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32,
                    SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80));

            assertThat(serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS).profile())
                    .isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        }
    }

    @Test
    void junkBeforeAndDuringTheHandshakeIsIgnored() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        AtomicInteger sent = new AtomicInteger();
        DtlsPair[] holder = new DtlsPair[1];
        try (DtlsPair pair = new DtlsPair(DtlsPair.CLIENT_CERTIFICATE.fingerprint(), Duration.ofSeconds(5), datagram -> {
            DtlsServerEndpoint server = holder[0].server;
            if (sent.getAndIncrement() < 4) {
                server.handle(junk(random, 22)); // looks like a handshake record by its first byte
            }
            server.handle(datagram);
        })) {
            holder[0] = pair;
            pair.server.handle(junk(random, 22));
            pair.server.handle(junk(random, 23));
            pair.server.handle(new byte[] {0, 1, 0, 0}); // a STUN header is not DTLS (RFC 7983)
            pair.server.handle(new byte[0]);

            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            SrtpKeyMaterial clientKeys = pair.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(clientKeys);
            assertThat(pair.serverDrops.get(DtlsDropReason.NOT_DTLS)).isEqualTo(2);
        }
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() {
        try (DtlsPair pair = new DtlsPair(DtlsPair.CLIENT_CERTIFICATE.fingerprint(), Duration.ofMillis(300), null)) {
            assertFailure(pair.server.start(pair.handshakeExecutor), DtlsFailureReason.TIMEOUT);
            assertThat(pair.server.isClosed()).isTrue();
        }
    }

    @Test
    void closingDuringTheHandshakeFailsItAndFreesTheThread() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            pair.server.close();

            assertFailure(serverKeys, DtlsFailureReason.CLOSED);
            // the single handshake thread is free again: the blocked receive ended
            assertThat(pair.handshakeExecutor.submit(() -> true).get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            pair.server.handle(junk(new SplittableRandom(1), 22));
            assertThat(pair.serverDrops.get(DtlsDropReason.CLOSED)).isEqualTo(1);
        }
    }

    @Test
    void afterTheHandshakeApplicationDataIsDroppedAndCloseNotifyEndsTheEndpoint() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            pair.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS);

            byte[] data = "not a data channel".getBytes(StandardCharsets.US_ASCII);
            pair.clientDtls.send(data, 0, data.length);
            pair.clientDtls.close(); // close_notify

            pair.server.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(pair.server.isClosed()).isTrue();
            assertThat(pair.serverDrops.get(DtlsDropReason.APPLICATION_DATA)).isEqualTo(1);
        }
    }

    @Test
    void theServerSendsCloseNotifyWhenClosedAfterTheHandshake() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            TestDtlsClient client = new TestDtlsClient(DtlsPair.CLIENT_CERTIFICATE,
                    DtlsPair.SERVER_CERTIFICATE.fingerprint(), SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsId());
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            pair.connect(client).get(WAIT_SECONDS, TimeUnit.SECONDS);
            serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS);

            pair.server.close();

            byte[] buf = new byte[1500];
            try {
                pair.clientDtls.receive(buf, 0, buf.length, 5_000);
            } catch (IOException expected) {
                // the client's record layer closed its transport on close_notify; the next read finds it closed
            }
            assertThat(client.lastAlertReceived).isEqualTo(AlertDescription.close_notify);
            assertThat(pair.server.closed()).isDone();
        }
    }

    @Test
    void aLostFinalFlightIsRetransmittedAfterTheHandshake() throws Exception {
        try (DtlsPair pair = new DtlsPair()) {
            // Lose the server's ChangeCipherSpec and its epoch-1 Finished once: the server is done, the client is not,
            // and only the post-handshake processing can answer the client's retransmitted flight (RFC 6347 §4.2.4)
            AtomicInteger lost = new AtomicInteger();
            pair.serverToClient = datagram -> {
                boolean finalFlight = datagram[0] == 20 || (datagram[3] == 0 && datagram[4] == 1);
                return !(finalFlight && lost.getAndIncrement() < 2);
            };
            CompletableFuture<SrtpKeyMaterial> serverKeys = pair.server.start(pair.handshakeExecutor);
            CompletableFuture<SrtpKeyMaterial> clientKeys = pair.connect();

            SrtpKeyMaterial keys = serverKeys.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(clientKeys).isNotDone();
            assertThat(clientKeys.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(keys);
            assertThat(lost.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anExecutorThatRefusesFailsTheFuture() {
        try (DtlsPair pair = new DtlsPair()) {
            assertFailure(pair.server.start(task -> {
                throw new java.util.concurrent.RejectedExecutionException("full");
            }), DtlsFailureReason.EXECUTOR_REJECTED);
        }
    }

    @Test
    void isDtlsFollowsRfc7983() {
        assertThat(DtlsServerEndpoint.isDtls(new byte[] {19}, 0, 1)).isFalse();
        assertThat(DtlsServerEndpoint.isDtls(new byte[] {20}, 0, 1)).isTrue();
        assertThat(DtlsServerEndpoint.isDtls(new byte[] {63}, 0, 1)).isTrue();
        assertThat(DtlsServerEndpoint.isDtls(new byte[] {64}, 0, 1)).isFalse();
        assertThat(DtlsServerEndpoint.isDtls(new byte[] {(byte) 128}, 0, 1)).isFalse();
        assertThat(DtlsServerEndpoint.isDtls(new byte[] {22}, 0, 0)).isFalse();
    }

    private static void assertFailure(CompletableFuture<SrtpKeyMaterial> future, DtlsFailureReason reason) {
        assertThatThrownBy(() -> future.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(DtlsHandshakeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] junk(SplittableRandom random, int firstByte) {
        byte[] junk = new byte[40 + random.nextInt(100)];
        random.nextBytes(junk);
        junk[0] = (byte) firstByte;
        return junk;
    }

    private static String hexOf(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
