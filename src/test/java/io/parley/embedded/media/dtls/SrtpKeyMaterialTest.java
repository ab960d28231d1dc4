package io.parley.embedded.media.dtls;

import io.parley.embedded.media.srtp.SrtpProfile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtpKeyMaterialTest {

    @Test
    void splitsTheExporterOutputInRfc5764Order() {
        byte[] exported = new byte[60];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) i;
        }

        SrtpKeyMaterial keys = SrtpKeyMaterial.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, exported);

        // client key, server key, client salt, server salt (RFC 5764 §4.2)
        assertThat(keys.clientWriteKey()).isEqualTo(range(0, 16));
        assertThat(keys.serverWriteKey()).isEqualTo(range(16, 32));
        assertThat(keys.clientWriteSalt()).isEqualTo(range(32, 46));
        assertThat(keys.serverWriteSalt()).isEqualTo(range(46, 60));
    }

    @Test
    void copiesItsArraysAndRedactsThemFromToString() {
        byte[] exported = new byte[60];
        SrtpKeyMaterial keys = SrtpKeyMaterial.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, exported);
        keys.clientWriteKey()[0] = 1;

        assertThat(keys.clientWriteKey()[0]).isZero();
        assertThat(keys.toString()).contains("AES_CM_128_HMAC_SHA1_80").contains("redacted").doesNotContain("[0");
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> SrtpKeyMaterial.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new byte[59]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtpKeyMaterial(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                new byte[16], new byte[16], new byte[14], new byte[12]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] range(int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            bytes[i - from] = (byte) i;
        }
        return bytes;
    }
}
