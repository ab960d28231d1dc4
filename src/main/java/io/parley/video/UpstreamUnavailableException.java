package io.parley.video;

import java.time.Duration;

/** The video platform could not be reached, timed out, or failed on its side: retrying later may help. */
public final class UpstreamUnavailableException extends VideoPlatformException {
    private final Duration retryAfter;

    public UpstreamUnavailableException(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
