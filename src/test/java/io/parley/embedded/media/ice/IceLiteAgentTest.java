package io.parley.embedded.media.ice;

import io.parley.embedded.media.stun.Rfc5769Vectors;
import io.parley.embedded.media.stun.StunIntegrity;
import io.parley.embedded.media.stun.StunMessage;
import io.parley.embedded.media.stun.StunTypes;
import io.parley.embedded.media.stun.StunWriter;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IceLiteAgentTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final InetSocketAddress BROWSER = new InetSocketAddress("192.0.2.10", 54321);
    private static final InetSocketAddress BROWSER_V6 = new InetSocketAddress("2001:db8::10", 50000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("198.51.100.7", 40000);

    private final IceCredentials local = IceCredentials.generate();
    private final IceDropCounts drops = new IceDropCounts();
    private final IceLiteAgent agent = new IceLiteAgent(local, drops, 0);

    @Test
    void answersAValidCheckWithTheSendersAddress() {
        byte[] request = Checks.to(local, "brws").build();

        byte[] response = agent.handle(request, BROWSER, SECOND);

        assertThat(response).isNotNull();
        assertThat(agent.lastDrop()).isNull();
        StunMessage decoded = StunMessage.parse(response);
        assertThat(decoded.type()).isEqualTo(StunTypes.BINDING_SUCCESS_RESPONSE);
        assertThat(decoded.transactionId()).isEqualTo(StunMessage.parse(request).transactionId());
        assertThat(decoded.xorMappedAddress()).isEqualTo(BROWSER);
        assertThat(StunIntegrity.verifyIntegrity(response, local.password().getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(response)).isTrue();
    }

    @Test
    void answersIpv6Senders() {
        byte[] response = agent.handle(Checks.to(local, "brws").build(), BROWSER_V6, SECOND);

        assertThat(StunMessage.parse(response).xorMappedAddress()).isEqualTo(BROWSER_V6);
    }

    @Test
    void dropsAWrongPassword() {
        byte[] request = Checks.to(local, "brws").password("AAAAAAAAAAAAAAAAAAAAAAAA").build();

        assertThat(agent.handle(request, BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.BAD_INTEGRITY);
        assertThat(drops.get(IceDropReason.BAD_INTEGRITY)).isEqualTo(1);
        assertThat(agent.isNominated()).isFalse();
    }

    @Test
    void dropsAMissingOrBrokenFingerprint() {
        assertThat(agent.handle(Checks.to(local, "brws").withoutFingerprint().build(), BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.BAD_FINGERPRINT);

        byte[] request = Checks.to(local, "brws").build();
        request[request.length - 1] ^= 1;
        assertThat(agent.handle(request, BROWSER, SECOND)).isNull();
        assertThat(drops.get(IceDropReason.BAD_FINGERPRINT)).isEqualTo(2);
    }

    @Test
    void dropsAnotherAgentsUfrag() {
        byte[] request = Checks.to(local, "brws").username("zzzzzzzz:brws").build();

        assertThat(agent.handle(request, BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.UNKNOWN_UFRAG);

        byte[] prefixOnly = Checks.to(local, "brws").username(local.ufrag() + "x:brws").build();
        assertThat(agent.handle(prefixOnly, BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.UNKNOWN_UFRAG);
    }

    @Test
    void checksTheRemoteUfragOnceSignalingHasGivenIt() {
        byte[] request = Checks.to(local, "brws").build();
        assertThat(agent.handle(request, BROWSER, SECOND)).isNotNull();

        agent.setRemoteUfrag("other");

        assertThat(agent.handle(request, BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.WRONG_REMOTE_UFRAG);
        agent.setRemoteUfrag("brws");
        assertThat(agent.handle(request, BROWSER, SECOND)).isNotNull();
    }

    @Test
    void dropsWhatIsNotABindingRequest() {
        byte[] response = agent.handle(Checks.to(local, "brws").build(), BROWSER, SECOND);

        assertThat(agent.handle(response, BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.NOT_A_REQUEST);
        assertThat(agent.handle(new byte[] {0, 1, 0}, BROWSER, SECOND)).isNull();
        assertThat(agent.lastDrop()).isEqualTo(IceDropReason.MALFORMED);
    }

    @Test
    void useCandidateNominatesTheSenderAndALaterOneMovesIt() {
        agent.handle(Checks.to(local, "brws").build(), OTHER, SECOND);
        assertThat(agent.isNominated()).isFalse();

        agent.handle(Checks.to(local, "brws").useCandidate().build(), BROWSER, SECOND);
        assertThat(agent.selectedAddress()).isEqualTo(BROWSER);

        agent.handle(Checks.to(local, "brws").build(), OTHER, SECOND);
        assertThat(agent.selectedAddress()).isEqualTo(BROWSER);

        agent.handle(Checks.to(local, "brws").useCandidate().build(), OTHER, 2 * SECOND);
        assertThat(agent.selectedAddress()).isEqualTo(OTHER);
    }

    @Test
    void useCandidateWithoutValidIntegrityNominatesNothing() {
        agent.handle(Checks.to(local, "brws").useCandidate().password("BBBBBBBBBBBBBBBBBBBBBBBB").build(), BROWSER, SECOND);

        assertThat(agent.isNominated()).isFalse();
    }

    @Test
    void consentExpiresAfterSilence() {
        long timeout = 10 * SECOND;
        agent.handle(Checks.to(local, "brws").useCandidate().build(), BROWSER, 2 * SECOND);

        assertThat(agent.isAlive(11 * SECOND, timeout)).isTrue();
        agent.handle(Checks.to(local, "brws").build(), BROWSER, 11 * SECOND);
        assertThat(agent.isAlive(20 * SECOND, timeout)).isTrue();
        assertThat(agent.isAlive(21 * SECOND - 1, timeout)).isTrue();
        assertThat(agent.isAlive(21 * SECOND, timeout)).isFalse();
        assertThat(agent.isAlive(21 * SECOND)).isFalse();
        assertThat(agent.isAlive(15 * SECOND, 3 * SECOND)).isFalse();
    }

    @Test
    void onlyTheSelectedAddressRefreshesConsentAfterNomination() {
        agent.handle(Checks.to(local, "brws").useCandidate().build(), BROWSER, SECOND);

        agent.handle(Checks.to(local, "brws").build(), OTHER, 9 * SECOND);
        agent.handle(Checks.to(local, "brws").password("CCCCCCCCCCCCCCCCCCCCCCCC").build(), BROWSER, 9 * SECOND);

        assertThat(agent.lastConsentNanos()).isEqualTo(SECOND);
        assertThat(agent.isAlive(11 * SECOND)).isFalse();
    }

    @Test
    void aPeerThatNeverChecksTimesOutFromCreation() {
        IceLiteAgent idle = new IceLiteAgent(IceCredentials.generate(), drops, 100 * SECOND);

        assertThat(idle.isAlive(105 * SECOND)).isTrue();
        assertThat(idle.isAlive(110 * SECOND)).isFalse();
    }

    @Test
    void answersAControlledPeerWith487RoleConflict() {
        byte[] response = agent.handle(Checks.to(local, "brws").controlled().useCandidate().build(), BROWSER, SECOND);

        StunMessage decoded = StunMessage.parse(response);
        assertThat(decoded.type()).isEqualTo(StunTypes.BINDING_ERROR_RESPONSE);
        assertThat(decoded.errorCode()).isEqualTo(487);
        assertThat(decoded.errorReason()).isEqualTo("Role Conflict");
        assertThat(StunIntegrity.verifyIntegrity(response, local.password().getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(response)).isTrue();
        assertThat(agent.isNominated()).isFalse();
        assertThat(drops.get(IceDropReason.ROLE_CONFLICT)).isEqualTo(1);
    }

    /**
     * The RFC 5769 §2.1 request passes every authentication check of an agent with its credentials. It carries
     * ICE-CONTROLLED, which a lite agent answers with 487 (RFC 8445 §7.3.1.1), authenticated with the same password.
     */
    @Test
    void authenticatesTheRfc5769Request() {
        IceLiteAgent rfc = new IceLiteAgent(new IceCredentials("evtj", Rfc5769Vectors.PASSWORD), drops, 0);
        rfc.setRemoteUfrag("h6vY");

        byte[] response = rfc.handle(Rfc5769Vectors.REQUEST, BROWSER, SECOND);

        assertThat(response).isNotNull();
        assertThat(rfc.lastDrop()).isEqualTo(IceDropReason.ROLE_CONFLICT);
        StunMessage decoded = StunMessage.parse(response);
        assertThat(decoded.transactionId()).isEqualTo(Rfc5769Vectors.TRANSACTION_ID);
        assertThat(decoded.errorCode()).isEqualTo(487);
        assertThat(StunIntegrity.verifyIntegrity(response, Rfc5769Vectors.PASSWORD.getBytes(StandardCharsets.US_ASCII)))
                .isTrue();

        IceLiteAgent wrongPassword = new IceLiteAgent(
                new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBu"), drops, 0);
        assertThat(wrongPassword.handle(Rfc5769Vectors.REQUEST, BROWSER, SECOND)).isNull();
        assertThat(wrongPassword.lastDrop()).isEqualTo(IceDropReason.BAD_INTEGRITY);
    }

    @Test
    void handlesAMessageInsideALargerReceiveBuffer() {
        byte[] request = Checks.to(local, "brws").build();
        byte[] buffer = new byte[1500];
        System.arraycopy(request, 0, buffer, 0, request.length);

        assertThat(agent.handle(buffer, 0, request.length, BROWSER, SECOND)).isNotNull();
    }

    /** RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are not authenticated, so a USE-CANDIDATE there is ignored. */
    @Test
    void useCandidateAfterMessageIntegrityIsIgnored() {
        byte[] request = new StunWriter()
                .start(StunTypes.BINDING_REQUEST, new byte[12])
                .username(local.ufrag() + ":brws")
                .iceControlling(1)
                .messageIntegrity(local.password().getBytes(StandardCharsets.US_ASCII))
                .useCandidate()
                .fingerprint()
                .toByteArray();

        assertThat(agent.handle(request, BROWSER, SECOND)).isNotNull();
        assertThat(agent.isNominated()).isFalse();
    }

    /** Any change to a valid check makes it fail one of the checks; none makes the agent throw. */
    @Test
    void mutatedChecksAreDroppedNeverThrown() {
        SplittableRandom random = new SplittableRandom(7675);
        byte[] original = Checks.to(local, "brws").useCandidate().build();
        for (int i = 0; i < 50_000; i++) {
            byte[] mutated = original.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(8) == 0 ? random.nextInt(mutated.length + 1) : mutated.length;

            byte[] response = agent.handle(mutated, 0, length, BROWSER, SECOND);

            boolean unchanged = length == original.length && Arrays.equals(mutated, original);
            assertThat(response != null).isEqualTo(unchanged);
        }
        assertThat(drops.snapshot().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }
}
