package io.parley.callbacks;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt at delivering one signed body to the receiver. Network failures, 5xx and 429 mean the receiver is down
 * or busy and may recover ({@link Outcome#RETRY}); any other answer but 2xx (3xx, 4xx) is final, because the same
 * request would be refused again.
 */
final class CallbackDelivery {

    enum Outcome {
        DELIVERED, RETRY, REFUSED
    }

    /** What an attempt came to, and in words what went wrong (never the signature or the secret). */
    record Attempt(Outcome outcome, String detail) {
    }

    private final CallbackReceiver receiver;
    private final CallbackSignature signature;

    CallbackDelivery(CallbackReceiver receiver, CallbackSignature signature) {
        this.receiver = receiver;
        this.signature = signature;
    }

    Uni<Attempt> attempt(byte[] body, UUID eventId) {
        String signed = signature.sign(body);
        return Uni.createFrom()
                .deferred(() -> receiver.post(signed, Long.toString(Instant.now().getEpochSecond()),
                        eventId.toString(), body))
                .map(CallbackDelivery::outcomeOf)
                .onFailure().recoverWithItem(failure -> new Attempt(Outcome.RETRY, failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())));
    }

    private static Attempt outcomeOf(Response response) {
        int status = response.getStatus();
        response.close();
        if (status >= 200 && status < 300) {
            return new Attempt(Outcome.DELIVERED, "HTTP " + status);
        }
        if (status == 429 || status >= 500) {
            return new Attempt(Outcome.RETRY, "HTTP " + status);
        }
        return new Attempt(Outcome.REFUSED, "HTTP " + status);
    }
}
