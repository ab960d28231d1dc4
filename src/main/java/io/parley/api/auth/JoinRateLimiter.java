package io.parley.api.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits room joins per client network with a fixed one-minute window. Joining is the one route anyone may call, and
 * each join may create a session: this keeps one client from filling the disk with rooms.
 *
 * <p>An IPv4 client is its address; an IPv6 client is its /64, the smallest network a provider hands one customer
 * (RFC 6177), because one host can pick any of the 2^64 addresses in it. Stale windows are swept at most once a
 * window, and only once many networks are tracked, so a join never scans the whole map.
 */
@ApplicationScoped
public class JoinRateLimiter {

    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Past this many tracked addresses, stale windows are swept so the map cannot grow without bound. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

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
        long swept = lastSweep.get();
        if (windows.size() > SWEEP_THRESHOLD && now - swept >= WINDOW_MILLIS && lastSweep.compareAndSet(swept, now)) {
            windows.values().removeIf(w -> now - w.start >= WINDOW_MILLIS);
        }
        Window window = windows.compute(clientKey(address), (k, w) ->
                w == null || now - w.start >= WINDOW_MILLIS ? new Window(now, 1) : new Window(w.start, w.count + 1));
        if (window.count > limit) {
            long retryAfterMillis = WINDOW_MILLIS - (now - window.start);
            throw new RateLimitedException(Duration.ofMillis(Math.max(1000, retryAfterMillis)));
        }
    }

    /** The network a join is counted against: an IPv4 address, or the /64 of an IPv6 one. */
    static String clientKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                // an IPv4-mapped address (::ffff:a.b.c.d) is an IPv4 client
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            // not a literal (it always is, from Vert.x): count it as it is
            return address;
        }
    }

    int trackedNetworks() {
        return windows.size();
    }

    private record Window(long start, int count) {
    }
}
