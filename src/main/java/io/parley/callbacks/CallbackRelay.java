package io.parley.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.callbacks.CallbackDelivery.Attempt;
import io.parley.callbacks.CallbackOutbox.Backlog;
import io.parley.callbacks.CallbackOutbox.PendingCallback;
import io.parley.video.ArchiveChanged;
import io.parley.video.BroadcastChanged;
import io.parley.video.VideoPlatform;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers the {@link CallbackOutbox} to {@code parley.callbacks.url}: every replica polls it, claims what is due,
 * and sends each claimed callback once, signed. A failure that may pass (network, 5xx, 429) is tried again later with
 * exponential backoff, counted in the outbox so that it survives a restart; a refusal, or the last failed attempt,
 * sets the callback aside. On shutdown the replica's claims go back to the outbox.
 */
@ApplicationScoped
public class CallbackRelay {

    private static final Logger LOG = Logger.getLogger(CallbackRelay.class);
    private static final int BATCH = 32;

    private final CallbackOutbox outbox;
    private final VideoPlatform platform;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final CallbacksConfig config;
    private final CallbackDelivery delivery;
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicReference<Backlog> backlog = new AtomicReference<>(Backlog.EMPTY);
    private volatile boolean stopping;
    private long pollTimer = -1;
    private long backlogTimer = -1;

    public CallbackRelay(CallbacksConfig config, CallbackOutbox outbox, VideoPlatform platform, ObjectMapper json,
                         Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.outbox = outbox;
        this.platform = platform;
        this.json = json;
        this.vertx = vertx;
        this.delivery = config.url().map(url -> delivery(url, config)).orElse(null);
        if (registry != null) {
            Gauge.builder("parley.callbacks.outbox.pending", backlog, b -> b.get().pending())
                    .description("Archive status callbacks waiting in the outbox").register(registry);
            Gauge.builder("parley.callbacks.outbox.oldest.age", backlog, b -> b.get().oldestAge().toMillis() / 1000.0)
                    .baseUnit("seconds").description("How long the oldest pending callback has waited")
                    .register(registry);
        }
    }

    static CallbackDelivery delivery(URI url, CallbacksConfig config) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalStateException("parley.callbacks.url must be an http or https URL");
        }
        String secret = config.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "parley.callbacks.url is set but parley.callbacks.secret is not: callbacks are always signed, "
                        + "so set a secret that the receiver shares (at least 32 random characters)"));
        long timeout = config.timeout().toMillis();
        CallbackReceiver receiver = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(CallbackReceiver.class);
        // the host only: a URL's path or query may carry the receiver's own token
        LOG.infof("Archive status callbacks go to %s://%s (%d attempts at most)", url.getScheme(),
                url.getAuthority(), config.maxAttempts());
        return new CallbackDelivery(receiver, new CallbackSignature(secret));
    }

    void onStart(@Observes StartupEvent event) {
        if (delivery == null) {
            LOG.debug("Archive status callbacks off");
            return;
        }
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> pump());
        backlogTimer = vertx.setPeriodic(5000, id -> refreshBacklog());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(backlogTimer);
        if (delivery != null) {
            try {
                outbox.releaseClaims().await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warnf("Could not hand this replica's callback claims back (their lease will end): %s",
                        e.toString());
            }
        }
    }

    /** Claims and delivers what is due, again at once while there was some, until the outbox has nothing due. */
    void pump() {
        if (stopping || !pumping.compareAndSet(false, true)) {
            return;
        }
        outbox.claim(BATCH)
                .chain(this::deliverAll)
                .subscribe().with(count -> {
                    pumping.set(false);
                    if (count > 0) {
                        vertx.runOnContext(v -> pump());
                    }
                }, failure -> {
                    pumping.set(false);
                    LOG.warnf("Could not read the callback outbox: %s", failure.toString());
                });
    }

    private Uni<Integer> deliverAll(List<PendingCallback> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(claimed.stream().map(this::deliver).toList()).andCollectFailures()
                .replaceWith(claimed.size());
    }

    private Uni<Void> deliver(PendingCallback callback) {
        String what = (callback.change() instanceof BroadcastChanged b
                ? "broadcast " + b.broadcast().id() + " " + b.broadcast().status()
                : "archive " + callback.change().subjectId() + " " + ((ArchiveChanged) callback.change()).archive().status())
                + " (event " + callback.eventId() + ")";
        byte[] body = body(callback);
        return delivery.attempt(body, callback.eventId()).chain(attempt -> settle(callback, attempt, what));
    }

    private Uni<Void> settle(PendingCallback callback, Attempt attempt, String what) {
        int attempts = callback.attempts() + 1;
        switch (attempt.outcome()) {
            case DELIVERED -> {
                LOG.debugf("Delivered %s", what);
                return outbox.delivered(callback);
            }
            case REFUSED -> {
                LOG.warnf("The callback receiver refused %s with %s; not retried", what, attempt.detail());
                return outbox.abandon(callback, "refused: " + attempt.detail());
            }
            default -> {
                if (attempts >= Math.max(1, config.maxAttempts())) {
                    LOG.warnf("Gave up delivering %s after %d attempts: %s", what, attempts, attempt.detail());
                    return outbox.abandon(callback, "gave up after " + attempts + " attempts: " + attempt.detail());
                }
                return outbox.retryAt(callback, Instant.now().plus(backoff(attempts)), attempt.detail());
            }
        }
    }

    /** About initial x 2^(n-1) after n failed attempts; the cap keeps a long outage from spacing them hours apart. */
    Duration backoff(int failedAttempts) {
        Duration initial = config.initialBackoff();
        return initial.multipliedBy(1L << Math.min(6, Math.max(0, failedAttempts - 1)));
    }

    private byte[] body(PendingCallback callback) {
        try {
            Object payload = callback.change() instanceof BroadcastChanged b
                    ? BroadcastCallbackPayload.of(b, callback.eventId(), platform.applicationId())
                    : ArchiveCallbackPayload.of((ArchiveChanged) callback.change(), callback.eventId(),
                    platform.applicationId());
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An archive callback could not be written as JSON", e);
        }
    }

    private void refreshBacklog() {
        outbox.backlog().subscribe().with(backlog::set,
                failure -> LOG.debugf("Could not measure the callback outbox: %s", failure));
    }
}
