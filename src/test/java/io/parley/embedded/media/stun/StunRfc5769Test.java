package io.parley.embedded.media.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.parley.embedded.media.stun.Rfc5769Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5769 test vectors: decoding, checking and re-encoding them byte for byte. */
class StunRfc5769Test {

    private static final byte[] KEY = PASSWORD.getBytes(StandardCharsets.US_ASCII);

    @Test
    void decodesTheSampleRequest() {
        StunMessage m = StunMessage.parse(REQUEST);

        assertThat(m).isNotNull();
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.transactionId()).isEqualTo(TRANSACTION_ID);
        assertThat(m.software()).isEqualTo("STUN test client");
        assertThat(m.priority()).isEqualTo(0x6e0001ffL);
        assertThat(m.iceControlled()).isTrue();
        assertThat(m.iceControlling()).isFalse();
        assertThat(m.tieBreaker()).isEqualTo(0x932ff9b151263b36L);
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.usernameLocalPart()).isEqualTo("evtj");
        assertThat(m.useCandidate()).isFalse();
        assertThat(m.messageIntegrityOffset()).isEqualTo(76);
        assertThat(m.fingerprintOffset()).isEqualTo(100);
    }

    @Test
    void sampleRequestPassesIntegrityAndFingerprint() {
        assertThat(StunIntegrity.verifyIntegrity(REQUEST, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(REQUEST)).isTrue();
        assertThat(StunIntegrity.verifyIntegrity(REQUEST, "VOkJxbRl1RmTxUk/WvJxBu".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    @Test
    void decodesAndChecksTheIpv4Response() throws Exception {
        StunMessage m = StunMessage.parse(IPV4_RESPONSE);

        assertThat(m).isNotNull();
        assertThat(m.type()).isEqualTo(StunTypes.BINDING_SUCCESS_RESPONSE);
        assertThat(m.software()).isEqualTo("test vector");
        assertThat(m.xorMappedAddress()).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(StunIntegrity.verifyIntegrity(IPV4_RESPONSE, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(IPV4_RESPONSE)).isTrue();
    }

    @Test
    void decodesAndChecksTheIpv6Response() throws Exception {
        StunMessage m = StunMessage.parse(IPV6_RESPONSE);

        assertThat(m).isNotNull();
        assertThat(m.xorMappedAddress()).isEqualTo(
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
        assertThat(StunIntegrity.verifyIntegrity(IPV6_RESPONSE, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(IPV6_RESPONSE)).isTrue();
    }

    @Test
    void reEncodesTheIpv4ResponseByteForByte() throws Exception {
        byte[] encoded = response(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));

        assertThat(encoded).isEqualTo(IPV4_RESPONSE);
    }

    @Test
    void reEncodesTheIpv6ResponseByteForByte() throws Exception {
        byte[] encoded = response(
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));

        assertThat(encoded).isEqualTo(IPV6_RESPONSE);
    }

    @Test
    void reEncodesTheSampleRequestByteForByte() {
        byte[] encoded = new StunWriter()
                .padding((byte) ' ')
                .start(StunTypes.BINDING_REQUEST, TRANSACTION_ID)
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .messageIntegrity(KEY)
                .fingerprint()
                .toByteArray();

        assertThat(encoded).isEqualTo(REQUEST);
    }

    /** RFC 5769 pads the 11-byte SOFTWARE "test vector" with a space (§2.2), so the writer pads with spaces. */
    private static byte[] response(InetSocketAddress mapped) {
        return new StunWriter()
                .padding((byte) ' ')
                .start(StunTypes.BINDING_SUCCESS_RESPONSE, TRANSACTION_ID)
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(KEY)
                .fingerprint()
                .toByteArray();
    }
}
