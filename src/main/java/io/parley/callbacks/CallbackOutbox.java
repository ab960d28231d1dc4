package io.parley.callbacks;

import io.parley.video.StatusChange;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Archive and broadcast status changes waiting to be reported to {@code parley.callbacks.url}, kept so that a restart or a crash
 * loses none. Several replicas may share one outbox: {@link #claim} hands each pending callback to one of them for a
 * lease, and never a callback whose archive (or broadcast) has an earlier one still pending, so that a receiver sees
 * its changes in order.
 */
public interface CallbackOutbox {

    /** Records a change for delivery, with a new event id; nothing when callbacks are off. */
    Uni<Void> add(StatusChange change);

    /** Up to {@code max} callbacks that are due, now this replica's to deliver until the lease ends. */
    Uni<List<PendingCallback>> claim(int max);

    /** Delivered: it leaves the outbox. */
    Uni<Void> delivered(PendingCallback callback);

    /** Not delivered this time: due again at {@code when}, one more attempt counted. */
    Uni<Void> retryAt(PendingCallback callback, Instant when, String error);

    /** Given up (refused, or out of attempts): kept aside with the reason, and no longer blocks its archive. */
    Uni<Void> abandon(PendingCallback callback, String reason);

    /** Hands every claim of this replica back, so that another delivers them at once (on shutdown). */
    Uni<Void> releaseClaims();

    /** How many are pending, and since when the oldest has waited. */
    Uni<Backlog> backlog();

    /** One pending callback: its event id is the same on every attempt, so that a receiver can de-duplicate. */
    record PendingCallback(long sequence, UUID eventId, StatusChange change, int attempts) {
    }

    record Backlog(long pending, Duration oldestAge) {
        public static final Backlog EMPTY = new Backlog(0, Duration.ZERO);
    }
}
