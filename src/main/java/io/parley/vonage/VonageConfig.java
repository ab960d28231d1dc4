package io.parley.vonage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the Vonage platform. Every key is optional here because they only matter when
 * {@code parley.platform=vonage}; {@link VonageCredentials#load} then checks that the credentials are present.
 */
@ConfigMapping(prefix = "parley.vonage")
public interface VonageConfig {

    /** The Vonage application's id (a UUID), shown in the dashboard next to its private key. */
    Optional<String> applicationId();

    /** A file holding the application's private key (PEM); used when {@code private-key} is not set. */
    Optional<Path> privateKeyPath();

    /** The application's private key itself (PEM text), e.g. from a secret store. Wins over the path. */
    Optional<String> privateKey();

    /** Overrides the SDK's video API base URL: a regional endpoint, or a stub in tests. */
    Optional<URI> videoBaseUrl();

    /** How long one call to Vonage may take before Parley answers 503. The SDK's own default is 60 s. */
    @WithDefault("10s")
    Duration timeout();

    /** The account's signature secret; when set, callbacks must carry a valid HS256 JWT signed with it. */
    Optional<String> callbackSecret();
}
