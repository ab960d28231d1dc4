package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.video.Role;
import io.parley.video.TokenClaims;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** One client connected to a live session: its connection id, what its token allows, and its outbox. */
final class Participant {

    static final int SIGNALS_PER_SECOND = 20;
    static final int REFUSALS_PER_TEN_SECONDS = 20;

    private final String connectionId;
    private final TokenClaims claims;
    private final Instant createdAt;
    private final Outbox outbox;
    private final RateWindow signals = new RateWindow(SIGNALS_PER_SECOND, TimeUnit.SECONDS.toNanos(1));
    private final RateWindow refusals = new RateWindow(REFUSALS_PER_TEN_SECONDS, TimeUnit.SECONDS.toNanos(10));
    private volatile long lastHeardNanos = System.nanoTime();

    Participant(String connectionId, TokenClaims claims, Instant createdAt, Outbox outbox) {
        this.connectionId = connectionId;
        this.claims = claims;
        this.createdAt = createdAt;
        this.outbox = outbox;
    }

    String connectionId() {
        return connectionId;
    }

    /** The id of the token it connected with; null for a token without one. */
    String tokenId() {
        return claims.tokenId();
    }

    Role role() {
        return claims.role();
    }

    String data() {
        return claims.connectionData();
    }

    Instant createdAt() {
        return createdAt;
    }

    void send(ObjectNode event) {
        outbox.send(event);
    }

    void close(int code, String reason) {
        outbox.close(code, reason);
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    boolean silentFor(long nanos, long now) {
        return now - lastHeardNanos > nanos;
    }

    boolean allowSignal() {
        return signals.tryAcquire(System.nanoTime());
    }

    /** Counts a refused message; false once the client has broken the protocol too often to keep talking to. */
    boolean allowRefusal() {
        return refusals.tryAcquire(System.nanoTime());
    }

    void require(Role minimum, String action) {
        if (!role().allows(minimum)) {
            throw Refusal.forbidden("A " + role() + " cannot " + action + "; it takes a " + minimum + " token");
        }
    }
}
