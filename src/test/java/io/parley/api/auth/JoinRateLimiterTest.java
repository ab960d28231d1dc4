package io.parley.api.auth;

import io.parley.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinRateLimiterTest {


    @Test
    void limitsEachAddressPerMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JoinRateLimiter limiter = new JoinRateLimiter(3, clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("10.0.0.1");
        }
        assertThatThrownBy(() -> limiter.acquire("10.0.0.1"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
        // another address has its own budget
        assertThatCode(() -> limiter.acquire("10.0.0.2")).doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(45));
        assertThatThrownBy(() -> limiter.acquire("10.0.0.1"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15)));

        clock.advance(Duration.ofSeconds(15));
        assertThatCode(() -> limiter.acquire("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JoinRateLimiter limiter = new JoinRateLimiter(2, clock);
        limiter.acquire("2001:db8:1:2::1");
        limiter.acquire("[2001:db8:1:2:ffff:ffff:ffff:fffe]");
        // any other address of the same /64, however written, shares the budget
        assertThatThrownBy(() -> limiter.acquire("2001:0db8:0001:0002:abcd::9%eth0"))
                .isInstanceOf(RateLimitedException.class);
        assertThatCode(() -> limiter.acquire("2001:db8:1:3::1")).as("the next /64").doesNotThrowAnyException();
    }

    @Test
    void keysAreNetworks() {
        assertThat(JoinRateLimiter.clientKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(JoinRateLimiter.clientKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(JoinRateLimiter.clientKey("2001:db8::1")).isEqualTo(JoinRateLimiter.clientKey("2001:db8:0:0:1::"))
                .isEqualTo("20010db800000000::/64");
        assertThat(JoinRateLimiter.clientKey("::1")).isEqualTo("0000000000000000::/64");
    }

    @Test
    void staleWindowsAreSweptOnceAWindowNotOnEveryJoin() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JoinRateLimiter limiter = new JoinRateLimiter(5, clock);
        for (int i = 0; i < 10_001; i++) {
            limiter.acquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        clock.advance(Duration.ofMinutes(1));
        limiter.acquire("192.0.2.1");
        assertThat(limiter.trackedNetworks()).as("the stale windows went in one sweep").isEqualTo(1);
        for (int i = 0; i < 10_001; i++) {
            limiter.acquire("172.16." + (i >> 8 & 255) + "." + (i & 255));
        }
        clock.advance(Duration.ofSeconds(59));
        limiter.acquire("192.0.2.2");
        assertThat(limiter.trackedNetworks()).as("no second sweep within the window").isGreaterThan(10_000);
    }
}
