package io.parley.callbacks;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A callback URL without a secret stops start-up with a message that names the missing key. */
class CallbacksConfigCheckTest {

    @Test
    void aUrlNeedsASecret() {
        assertThatThrownBy(() -> new ArchiveCallbackDispatcher(config("https://app.example/hooks", null), null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.callbacks.secret");
    }

    @Test
    void aUrlMustBeHttp() {
        assertThatThrownBy(() -> new ArchiveCallbackDispatcher(config("ftp://app.example/hooks", "s3cret-s3cret"),
                null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http or https");
    }

    private static CallbacksConfig config(String url, String secret) {
        return new CallbacksConfig() {
            @Override
            public Optional<URI> url() {
                return Optional.of(URI.create(url));
            }

            @Override
            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int maxAttempts() {
                return 6;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
