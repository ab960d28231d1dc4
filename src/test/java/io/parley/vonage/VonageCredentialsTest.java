package io.parley.vonage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up on the Vonage platform fails with one message naming the setting to fix, never quoting the key. */
class VonageCredentialsTest {

    private static final String APP = UUID.randomUUID().toString();
    private static final String KEY = VonageStub.freshPrivateKeyPem();

    @Test
    void missingApplicationIdIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VonageCredentials.load(config(null, KEY, null)));
        assertEquals("parley.vonage.application-id is not set", e.getMessage());
    }

    @Test
    void missingPrivateKeyIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VonageCredentials.load(config(APP, null, null)));
        assertEquals("parley.vonage.private-key (or parley.vonage.private-key-path) is not set", e.getMessage());
    }

    @Test
    void applicationIdMustBeUuid() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VonageCredentials.load(config("my-app", KEY, null)));
        assertTrue(e.getMessage().startsWith("parley.vonage.application-id is not a UUID"));
    }

    @Test
    void brokenKeyIsNamedWithoutQuotingIt() {
        String broken = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VonageCredentials.load(config(APP, broken, null)));
        assertEquals("parley.vonage.private-key is not a PEM RSA private key (PKCS#8)", e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0"));
    }

    @Test
    void keyIsReadFromPathAndNeverShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("private.key");
        Files.writeString(file, KEY);
        VonageCredentials credentials = VonageCredentials.load(config(APP, null, file));
        assertEquals(APP, credentials.applicationId());
        assertFalse(credentials.toString().contains("PRIVATE KEY"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VonageCredentials.load(config(APP, null, dir.resolve("missing.key"))));
        assertTrue(e.getMessage().startsWith("parley.vonage.private-key-path cannot be read"));
    }

    private static VonageConfig config(String applicationId, String privateKey, Path privateKeyPath) {
        return new VonageConfig() {
            @Override
            public Optional<String> applicationId() {
                return Optional.ofNullable(applicationId);
            }

            @Override
            public Optional<Path> privateKeyPath() {
                return Optional.ofNullable(privateKeyPath);
            }

            @Override
            public Optional<String> privateKey() {
                return Optional.ofNullable(privateKey);
            }

            @Override
            public Optional<URI> videoBaseUrl() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Optional<String> callbackSecret() {
                return Optional.empty();
            }
        };
    }
}
