package io.parley.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.ArchiveChanged;
import io.parley.video.VideoPlatform;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reports every archive status change ({@link ArchiveChanged}, fired by either platform) to
 * {@code parley.callbacks.url}. The caller is never blocked: the change is serialized and queued, and sent by the
 * REST client's event loop. Deliveries of one archive form a chain, so a receiver sees {@code stopped} before
 * {@code available} even when the first needed retries; different archives do not wait for each other.
 */
@ApplicationScoped
public class ArchiveCallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(ArchiveCallbackDispatcher.class);

    private final CallbackDelivery delivery;
    private final VideoPlatform platform;
    private final ObjectMapper json;
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    public ArchiveCallbackDispatcher(CallbacksConfig config, VideoPlatform platform, ObjectMapper json) {
        this.platform = platform;
        this.json = json;
        this.delivery = config.url().map(url -> delivery(url, config)).orElse(null);
    }

    private static CallbackDelivery delivery(URI url, CallbacksConfig config) {
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
        return new CallbackDelivery(receiver, new CallbackSignature(secret), config.maxAttempts(),
                config.initialBackoff());
    }

    /** Builds the client at start-up, so that a URL without a secret stops the application at once. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("Archive status callbacks %s", delivery == null ? "off" : "on");
    }

    void onArchiveChanged(@Observes ArchiveChanged change) {
        archiveChanged(change);
    }

    /** Queues one delivery behind the archive's earlier ones and returns at once. */
    public void archiveChanged(ArchiveChanged change) {
        if (delivery == null) {
            return;
        }
        String archiveId = change.archive().id();
        byte[] body = serialize(ArchiveCallbackPayload.of(change, platform.applicationId()));
        String what = "archive " + archiveId + " " + change.archive().status();
        // a new chain waits for this gate, so that nothing is sent from inside the map's lock
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> queued = chains.compute(archiveId, (id, previous) -> (previous == null ? gate : previous)
                .thenCompose(done -> delivery.deliver(body, what).subscribeAsCompletionStage()));
        gate.complete(null);
        // the chain ends when its last delivery does; a later change then starts a new one
        queued.whenComplete((done, failure) -> chains.remove(archiveId, queued));
    }

    private byte[] serialize(ArchiveCallbackPayload payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An archive callback could not be written as JSON", e);
        }
    }
}
