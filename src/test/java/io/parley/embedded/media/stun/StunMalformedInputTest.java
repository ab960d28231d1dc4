package io.parley.embedded.media.stun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.parley.embedded.media.stun.Rfc5769Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed datagram is refused with a reason; none makes the decoder or the checks throw. */
class StunMalformedInputTest {

    private final StunMessage message = new StunMessage();

    /** A malformed datagram as the decoder gets it: the bytes, where it starts and how long it is said to be. */
    record Case(String name, byte[] data, int offset, int length, StunDecodeFailure expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case whole(String name, byte[] data, StunDecodeFailure expected) {
        return new Case(name, data, 0, data.length, expected);
    }

    private static byte[] request(int index, int value) {
        byte[] bad = REQUEST.clone();
        bad[index] = (byte) value;
        return bad;
    }

    static Stream<Case> malformed() {
        byte[] afterFingerprint = Arrays.copyOf(REQUEST, REQUEST.length + 4);
        afterFingerprint[3] = 0x5c;
        afterFingerprint[108] = 0x7f; // unknown comprehension-optional attribute, empty
        afterFingerprint[109] = (byte) 0xff;
        byte[] overrun = REQUEST.clone();
        overrun[22] = 0x00;
        overrun[23] = (byte) 0xF0; // SOFTWARE claims 240 bytes
        return Stream.of(
                new Case("empty", new byte[0], 0, 0, StunDecodeFailure.TRUNCATED_HEADER),
                new Case("19 bytes", Arrays.copyOf(REQUEST, 19), 0, 19, StunDecodeFailure.TRUNCATED_HEADER),
                new Case("offset past the array", REQUEST, 100, 20, StunDecodeFailure.TRUNCATED_HEADER),
                new Case("no array", null, 0, 20, StunDecodeFailure.TRUNCATED_HEADER),
                whole("bad magic cookie", request(5, REQUEST[5] ^ 1), StunDecodeFailure.BAD_COOKIE),
                whole("top bits set", request(0, 0x80), StunDecodeFailure.NOT_STUN),
                whole("length not a multiple of 4", request(3, 0x57), StunDecodeFailure.LENGTH_NOT_MULTIPLE_OF_4),
                whole("datagram longer than the length", Arrays.copyOf(REQUEST, REQUEST.length + 4),
                        StunDecodeFailure.LENGTH_MISMATCH),
                new Case("datagram shorter than the length", REQUEST, 0, REQUEST.length - 4,
                        StunDecodeFailure.LENGTH_MISMATCH),
                whole("attribute running past the end", overrun, StunDecodeFailure.ATTRIBUTE_OVERRUNS),
                // a 5-byte attribute: its value fits in the message but its 3 padding bytes do not
                whole("padding running past the end",
                        Rfc5769Vectors.hex("000100082112a442b7e7a701bc34d686fa87dfae" + "7fff0005" + "41414141"),
                        StunDecodeFailure.ATTRIBUTE_OVERRUNS),
                whole("MESSAGE-INTEGRITY of 16 bytes", request(79, 0x10), StunDecodeFailure.BAD_ATTRIBUTE),
                whole("attribute after FINGERPRINT", afterFingerprint, StunDecodeFailure.FINGERPRINT_NOT_LAST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedWithItsReason(Case bad) {
        assertThat(message.decode(bad.data(), bad.offset(), bad.length())).isEqualTo(bad.expected());
    }

    @Test
    void unknownAttributesAreSkipped() {
        byte[] withUnknown = new StunWriter()
                .start(StunTypes.BINDING_REQUEST, TRANSACTION_ID)
                .software("x")
                .toByteArray();
        withUnknown[20] = (byte) 0xC0; // turn SOFTWARE into an unregistered comprehension-optional attribute
        withUnknown[21] = 0x57;

        assertThat(message.decode(withUnknown, 0, withUnknown.length)).isNull();
        assertThat(message.software()).isNull();
    }

    @Test
    void decodesAtAnOffsetInsideALargerBuffer() {
        byte[] buffer = new byte[REQUEST.length + 40];
        System.arraycopy(REQUEST, 0, buffer, 17, REQUEST.length);

        assertThat(message.decode(buffer, 17, REQUEST.length)).isNull();
        assertThat(message.username()).isEqualTo("evtj:h6vY");
        assertThat(new StunIntegrity().checkFingerprint(message)).isTrue();
        assertThat(new StunIntegrity().checkIntegrity(message, StunIntegrity.hmacSha1(PASSWORD.getBytes()))).isTrue();
    }

    @Test
    void aFailedDecodeLeavesNothingBehind() {
        assertThat(message.decode(REQUEST, 0, REQUEST.length)).isNull();
        assertThat(message.decode(REQUEST, 0, 10)).isNotNull();

        assertThat(message.hasUsername()).isFalse();
        assertThat(message.hasMessageIntegrity()).isFalse();
        assertThat(message.xorMappedAddress()).isNull();
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(5769);
        StunIntegrity integrity = new StunIntegrity();
        var mac = StunIntegrity.hmacSha1(PASSWORD.getBytes());
        byte[] buffer = new byte[160];
        int decoded = 0;
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(buffer.length + 1);
            for (int j = 0; j < length; j++) {
                buffer[j] = (byte) random.nextInt(256);
            }
            if (length >= 20 && random.nextBoolean()) {
                // make the header plausible so the attribute parser is exercised, not only the header checks
                buffer[0] &= 0x03;
                buffer[2] = (byte) ((length - 20) >>> 8);
                buffer[3] = (byte) (length - 20);
                buffer[4] = 0x21;
                buffer[5] = 0x12;
                buffer[6] = (byte) 0xa4;
                buffer[7] = 0x42;
            }
            if (message.decode(buffer, 0, length) == null) {
                decoded++;
                integrity.checkFingerprint(message);
                integrity.checkIntegrity(message, mac);
                message.xorMappedAddress();
                message.username();
                message.usernameLocalPart();
                message.errorReason();
            }
        }
        assertThat(decoded).isPositive();
    }

    @Test
    void mutatedVectorsNeverThrow() {
        SplittableRandom random = new SplittableRandom(8489);
        byte[][] seeds = {REQUEST, IPV4_RESPONSE, IPV6_RESPONSE};
        StunIntegrity integrity = new StunIntegrity();
        for (int i = 0; i < 100_000; i++) {
            byte[] mutated = seeds[i % 3].clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(10) == 0 ? random.nextInt(mutated.length + 1) : mutated.length;
            if (message.decode(mutated, 0, length) == null) {
                integrity.checkFingerprint(message);
                message.xorMappedAddress();
                message.errorReason();
                message.software();
            }
        }
    }
}
