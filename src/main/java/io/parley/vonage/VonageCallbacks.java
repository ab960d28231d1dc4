package io.parley.vonage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.BroadcastChanged;
import io.parley.video.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Receives Vonage's archive status callbacks: checks the signature, reads the body, and records the new state so
 * that the API reports it at once and, when it is a change, announces it to Parley's own status callbacks (see
 * {@link ArchiveStateCache}). Needs no Vonage credentials, only the signature
 * secret, so it exists whichever platform runs; the API only routes to it when Vonage is the active one.
 */
@ApplicationScoped
public class VonageCallbacks {

    private static final Logger LOG = Logger.getLogger(VonageCallbacks.class);

    private final CallbackSignature signature;
    private final ArchiveStateCache states;
    private final ObjectMapper json;

    private final Consumer<BroadcastChanged> broadcastChanges;

    @Inject
    public VonageCallbacks(VonageConfig config, ArchiveStateCache states, ObjectMapper json,
                           Event<BroadcastChanged> broadcastChanges) {
        this(config, states, json, broadcastChanges::fire);
    }

    VonageCallbacks(VonageConfig config, ArchiveStateCache states, ObjectMapper json,
                    Consumer<BroadcastChanged> broadcastChanges) {
        this.signature = new CallbackSignature(config.callbackSecret());
        this.states = states;
        this.json = json;
        this.broadcastChanges = broadcastChanges;
    }

    /**
     * Authenticates and applies one archive status callback. Fails with {@code InvalidTokenException} when the
     * request is not signed by Vonage, {@link InvalidRequestException} when the body is not a callback.
     */
    public Uni<Void> archiveStatus(String authorization, String body) {
        return Uni.createFrom().item(() -> {
            signature.verify(authorization, body);
            return parse(body);
        }).chain(callback -> {
            if (BroadcastCallback.isBroadcast(callback.event())) {
                broadcastStatus(body);
                return Uni.createFrom().voidItem();
            }
            if (!callback.isArchive()) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("Vonage reports archive %s of session %s is %s", callback.id(), callback.sessionId(),
                    callback.status());
            return states.update(callback.toArchive());
        });
    }

    /** Passed on to Parley's status callbacks as it is: Vonage reports a broadcast's changes, each once. */
    private void broadcastStatus(String body) {
        BroadcastCallback callback;
        try {
            callback = json.readValue(body, BroadcastCallback.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "not a Vonage broadcast callback");
        }
        if (callback.status() == null || callback.status().isBlank() || callback.sessionId() == null) {
            throw new InvalidRequestException("status", "must be the broadcast's status and session");
        }
        LOG.infof("Vonage reports broadcast %s of session %s is %s", callback.id(), callback.sessionId(),
                callback.status());
        broadcastChanges.accept(new BroadcastChanged(callback.toBroadcast(), Instant.now()));
    }

    private ArchiveCallback parse(String body) {
        ArchiveCallback callback;
        try {
            callback = json.readValue(body == null ? "" : body, ArchiveCallback.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "not a Vonage archive callback (JSON expected)");
        }
        if (callback == null || callback.id() == null || callback.id().isBlank()) {
            throw new InvalidRequestException("id", "must be the archive's id");
        }
        if (callback.isArchive() && (callback.status() == null || callback.status().isBlank())) {
            throw new InvalidRequestException("status", "must be the archive's status");
        }
        return callback;
    }
}
