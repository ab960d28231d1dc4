package io.parley.callbacks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where and how archive status changes are reported to the application that uses Parley. */
@ConfigMapping(prefix = "parley.callbacks")
public interface CallbacksConfig {

    /** Receives a POST for every archive status change; unset, nothing is sent. */
    Optional<URI> url();

    /** Key of the HMAC-SHA256 signature on every delivery; required when {@link #url()} is set. */
    Optional<String> secret();

    /** How long one delivery attempt may take, connecting included. */
    @WithDefault("5s")
    Duration timeout();

    /** Attempts per status change, the first included, before it is given up. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait before the first retry; each further retry waits about twice as long (at most 64 times this). */
    @WithDefault("1s")
    Duration initialBackoff();

    /** How often each replica looks for callbacks that are due. */
    @WithDefault("250ms")
    Duration pollInterval();

    /**
     * How long a replica that claimed a callback may take to deliver it before another may: a replica that dies
     * holding claims delays their delivery by at most this. Longer than {@link #timeout()}.
     */
    @WithDefault("30s")
    Duration claimLease();
}
