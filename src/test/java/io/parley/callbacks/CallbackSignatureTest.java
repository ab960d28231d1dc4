package io.parley.callbacks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackSignatureTest {

    @Test
    void isTheHexHmacSha256OfTheBodyBytes() {
        // the well-known HMAC-SHA256 example (key "key"), so any HMAC library can check a receiver's recipe
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(new CallbackSignature("key").sign(body))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void dependsOnEveryByteAndOnTheSecret() {
        CallbackSignature signature = new CallbackSignature("secret-one");
        byte[] body = "{\"status\":\"stopped\"}".getBytes(StandardCharsets.UTF_8);
        byte[] spaced = "{\"status\": \"stopped\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.sign(body)).isEqualTo(signature.sign(body.clone()))
                .isNotEqualTo(signature.sign(spaced))
                .isNotEqualTo(new CallbackSignature("secret-two").sign(body));
    }

    @Test
    void needsASecretAndNeverShowsIt() {
        assertThatThrownBy(() -> new CallbackSignature(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CallbackSignature("very-secret").toString()).doesNotContain("very-secret");
    }
}
