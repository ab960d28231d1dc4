package io.parley.embedded.media.stun;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static io.parley.embedded.media.stun.Rfc5769Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed datagram is refused with a reason; none makes the decoder or the checks throw. */
class StunMalformedInputTest {

    private final StunMessage message = new StunMessage();

    @Test
    void truncatedHeader() {
        assertThat(message.decode(new byte[0], 0, 0)).isEqualTo(StunDecodeFailure.TRUNCATED_HEADER);
        assertThat(message.decode(Arrays.copyOf(REQUEST, 19), 0, 19)).isEqualTo(StunDecodeFailure.TRUNCATED_HEADER);
        assertThat(message.decode(REQUEST, 100, 20)).isEqualTo(StunDecodeFailure.TRUNCATED_HEADER);
        assertThat(message.decode(null, 0, 20)).isEqualTo(StunDecodeFailure.TRUNCATED_HEADER);
    }

    @Test
    void badCookie() {
        byte[] bad = REQUEST.clone();
        bad[5] ^= 1;
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.BAD_COOKIE);
    }

    @Test
    void notStunWhenTheTopBitsAreSet() {
        byte[] bad = REQUEST.clone();
        bad[0] = (byte) 0x80;
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.NOT_STUN);
    }

    @Test
    void lengthNotAMultipleOfFour() {
        byte[] bad = REQUEST.clone();
        bad[3] = 0x57;
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.LENGTH_NOT_MULTIPLE_OF_4);
    }

    @Test
    void lengthDisagreeingWithTheDatagram() {
        byte[] longer = Arrays.copyOf(REQUEST, REQUEST.length + 4);
        assertThat(message.decode(longer, 0, longer.length)).isEqualTo(StunDecodeFailure.LENGTH_MISMATCH);
        assertThat(message.decode(REQUEST, 0, REQUEST.length - 4)).isEqualTo(StunDecodeFailure.LENGTH_MISMATCH);
    }

    @Test
    void attributeRunningPastTheEnd() {
        byte[] bad = REQUEST.clone();
        bad[22] = 0x00;
        bad[23] = (byte) 0xF0; // SOFTWARE claims 240 bytes
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.ATTRIBUTE_OVERRUNS);
    }

    @Test
    void paddingRunningPastTheEnd() {
        // a 5-byte attribute: its value fits in the message but its 3 padding bytes do not
        byte[] bad = Rfc5769Vectors.hex("000100082112a442b7e7a701bc34d686fa87dfae" + "7fff0005" + "41414141");
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.ATTRIBUTE_OVERRUNS);
    }

    @Test
    void wrongSizedIntegrity() {
        byte[] bad = REQUEST.clone();
        bad[79] = 0x10; // MESSAGE-INTEGRITY claims 16 bytes
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.BAD_ATTRIBUTE);
    }

    @Test
    void attributeAfterFingerprint() {
        byte[] bad = Arrays.copyOf(REQUEST, REQUEST.length + 4);
        bad[3] = 0x5c;
        bad[108] = 0x7f; // unknown comprehension-optional attribute, empty
        bad[109] = (byte) 0xff;
        assertThat(message.decode(bad, 0, bad.length)).isEqualTo(StunDecodeFailure.FINGERPRINT_NOT_LAST);
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
