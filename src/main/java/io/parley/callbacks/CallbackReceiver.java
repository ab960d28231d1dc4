package io.parley.callbacks;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The application's callback endpoint, {@code parley.callbacks.url} itself. The body is bytes already serialized,
 * because the signature covers exactly what is sent. Built by {@link CallbackRelay} with the configured
 * URL and timeouts, and with the default error mapper off so that every status comes back as a {@link Response}.
 */
@RegisterRestClient(configKey = "parley-callbacks")
public interface CallbackReceiver {

    /** The delivery's event id, the same on every attempt (also in the body as {@code eventId}). */
    String EVENT_ID_HEADER = "X-Parley-Event-Id";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> post(@HeaderParam(CallbackSignature.HEADER) String signature,
                       @HeaderParam(CallbackSignature.TIMESTAMP_HEADER) String timestamp,
                       @HeaderParam(EVENT_ID_HEADER) String eventId,
                       byte[] body);
}
