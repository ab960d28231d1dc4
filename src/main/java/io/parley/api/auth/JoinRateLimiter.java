package io.parley.api.auth;

import io.parley.api.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits room joins per client address with a fixed one-minute window. Joining is the one route anyone may call, and
 * each join may create a session: this keeps one client from filling the disk with rooms.
 */
@ApplicationScoped
public class JoinRateLimiter {

    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Past this many tracked addresses, stale windows are swept so the map cannot grow without bound. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    public JoinRateLimiter(ApiConfig config) {
        this(config.joinsPerMinute(), Clock.systemUTC());
    }

    JoinRateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts one join from {@code address}; throws {@link RateLimitedException} past the limit. */
    public void acquire(String address) {
        long now = clock.millis();
        if (windows.size() > SWEEP_THRESHOLD) {
            windows.values().removeIf(w -> now - w.start >= WINDOW_MILLIS);
        }
        Window window = windows.compute(address, (k, w) ->
                w == null || now - w.start >= WINDOW_MILLIS ? new Window(now, 1) : new Window(w.start, w.count + 1));
        if (window.count > limit) {
            long retryAfterMillis = WINDOW_MILLIS - (now - window.start);
            throw new RateLimitedException(Duration.ofMillis(Math.max(1000, retryAfterMillis)));
        }
    }

    private record Window(long start, int count) {
    }
}
