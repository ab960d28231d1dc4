package io.parley.video;

import java.time.Duration;
import java.util.Objects;

/** What a new token should carry. {@code data} is optional connection data, shown to the other participants. */
public record TokenSpec(Role role, String data, Duration ttl) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final Duration MAX_TTL = Duration.ofDays(30);

    public TokenSpec {
        Objects.requireNonNull(role, "role");
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidRequestException("ttlSeconds", "must be between 1 second and 30 days");
        }
    }
}
