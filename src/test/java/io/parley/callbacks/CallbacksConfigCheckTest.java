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
        CallbacksConfig config = config("https://app.example/hooks", null);
        assertThatThrownBy(() -> CallbackRelay.delivery(config.url().orElseThrow(), config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.callbacks.secret");
    }

    @Test
    void aUrlMustBeHttp() {
        CallbacksConfig config = config("ftp://app.example/hooks", "s3cret-s3cret");
        assertThatThrownBy(() -> CallbackRelay.delivery(config.url().orElseThrow(), config))
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

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(250);
            }

            @Override
            public Duration claimLease() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
