package io.parley.vonage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

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

    public VonageCallbacks(VonageConfig config, ArchiveStateCache states, ObjectMapper json) {
        this.signature = new CallbackSignature(config.callbackSecret());
        this.states = states;
        this.json = json;
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
            if (!callback.isArchive()) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("Vonage reports archive %s of session %s is %s", callback.id(), callback.sessionId(),
                    callback.status());
            return states.update(callback.toArchive());
        });
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
