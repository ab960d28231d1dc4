package io.parley.api.auth;

import java.time.Duration;

/** Too many requests from one client: answered with 429 and {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("Too many joins from this address; try again in " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
