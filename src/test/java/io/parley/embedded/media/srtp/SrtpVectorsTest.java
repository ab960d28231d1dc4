package io.parley.embedded.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Published known-answer vectors: RFC 3711 Appendix B and libsrtp's reference packets. */
class SrtpVectorsTest {
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    /** RFC 3711 B.2: with SSRC and index zero the IV is the (already shifted) salt itself. */
    @Test
    void aesCmKeystreamMatchesAppendixB2() throws Exception {
        byte[] iv = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        for (AesCm.Mode mode : AesCm.Mode.values()) {
            AesCm cm = AesCm.create(mode, Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C"));
            // The keystream segment of the RFC: 1044512 octets, 65282 blocks.
            byte[] stream = new byte[1044512];
            cm.apply(iv, stream, 0, stream.length, stream, 0);
            assertThat(Hex.of(stream, 0, 48)).as(mode.name()).isEqualToIgnoringCase(
                    "E03EAD0935C95E80E166B16DD92B4EB4"
                            + "D23513162B02D0F72A43A2FE4A5F97AB"
                            + "41E95B3BB0A2E8DD477901E4FCA894C0");
            assertThat(Hex.of(stream, 0xFEFF * 16, 48)).as(mode.name()).isEqualToIgnoringCase(
                    "EC8CDF7398607CB0F2D21675EA9EA1E4"
                            + "362B7C3C6773516318A077D7FC5073AE"
                            + "6A2CC3787889374FBEB4C81B17BA6C44");
        }
    }

    /** RFC 3711 B.3, including the 94-octet auth key output that exercises several PRF blocks. */
    @Test
    void keyDerivationMatchesAppendixB3() {
        assertThat(AesCmPrf.derive(MASTER_KEY, MASTER_SALT, 0x00, 16))
                .isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(AesCmPrf.derive(MASTER_KEY, MASTER_SALT, 0x02, 14))
                .isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(AesCmPrf.derive(MASTER_KEY, MASTER_SALT, 0x01, 94)).isEqualTo(Hex.bytes(
                "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"));
    }

    @Test
    void sessionKeysOfBothDirectionsAndProtocols() {
        SrtpKeys keys = SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        assertThat(keys.rtpCipherKey()).isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(keys.rtpSalt()).isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(keys.rtpAuthKey()).isEqualTo(Hex.bytes("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
        // SRTCP labels 0x03-0x05 over the same master key and salt, as libsrtp and others check them.
        assertThat(keys.rtcpCipherKey()).isEqualTo(Hex.bytes("4C1AA45A81F73D61C800BBB00FBB1EAA"));
        assertThat(keys.rtcpSalt()).isEqualTo(Hex.bytes("9581C7AD87B3E530BF3E4454A8B3"));
        assertThat(keys.rtcpAuthKey()).isEqualTo(Hex.bytes("8D54534FEB49AE8E7993A6BD0B844FC323A93DFD"));
    }

    /** libsrtp test/srtp_driver.c srtp_validate(): the AES_CM_128_HMAC_SHA1_80 reference packet. */
    @Test
    void rtpReferencePacketOfLibsrtp() {
        byte[] plain = Hex.bytes("800f1234decafbadcafebabe" + "ab".repeat(16));
        byte[] expected = Hex.bytes("800f1234decafbadcafebabe"
                + "4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
        for (AesCm.Mode mode : AesCm.Mode.values()) {
            SrtpContext sender = context(mode);
            byte[] buffer = Arrays.copyOf(plain, plain.length + 10);
            assertThat(sender.protect(buffer, 0, plain.length)).isEqualTo(expected.length);
            assertThat(buffer).as(mode.name()).isEqualTo(expected);

            SrtpContext receiver = context(mode);
            assertThat(receiver.unprotect(buffer, 0, buffer.length)).isEqualTo(plain.length);
            assertThat(Arrays.copyOf(buffer, plain.length)).isEqualTo(plain);
        }
    }

    /**
     * libsrtp's SRTCP reference packet carries SRTCP index 1 (libsrtp counts from 1, RFC 3711 §3.3.1
     * from 0), so it is the second packet this sender protects.
     */
    @Test
    void rtcpReferencePacketOfLibsrtp() {
        byte[] plain = Hex.bytes("81c8000bcafebabe" + "ab".repeat(16));
        byte[] expected = Hex.bytes("81c8000bcafebabe"
                + "7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
        SrtpContext sender = context(AesCm.Mode.ECB_KEYSTREAM);
        byte[] first = new byte[expected.length];
        assertThat(sender.protectRtcp(plain, 0, plain.length, first, 0)).isEqualTo(expected.length);
        assertThat(Hex.of(first, plain.length, 4)).isEqualTo("80000000");
        byte[] second = new byte[expected.length];
        assertThat(sender.protectRtcp(plain, 0, plain.length, second, 0)).isEqualTo(expected.length);
        assertThat(second).isEqualTo(expected);

        SrtpContext receiver = context(AesCm.Mode.JCE_CTR);
        byte[] out = new byte[plain.length];
        assertThat(receiver.unprotectRtcp(expected, 0, expected.length, out, 0)).isEqualTo(plain.length);
        assertThat(out).isEqualTo(plain);
    }

    private static SrtpContext context(AesCm.Mode mode) {
        SrtpKeys keys = SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT);
        return new SrtpContext(keys, SrtpContext.DEFAULT_MAX_SSRCS, mode);
    }
}
