package io.parley.callbacks;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Delivers one signed body to the receiver: retried with exponential backoff on network failures, 5xx and 429
 * (the receiver is down or busy and may recover); given up at once on any other answer (3xx, 4xx), because the
 * same request would be refused again. Never fails: the outcome is logged once, without the signature or secret.
 */
final class CallbackDelivery {

    private static final Logger LOG = Logger.getLogger(CallbackDelivery.class);

    private final CallbackReceiver receiver;
    private final CallbackSignature signature;
    private final int maxAttempts;
    private final Duration initialBackoff;

    CallbackDelivery(CallbackReceiver receiver, CallbackSignature signature, int maxAttempts,
                     Duration initialBackoff) {
        this.receiver = receiver;
        this.signature = signature;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
    }

    /** Completes once the body is delivered or given up; {@code what} names the delivery in the log. */
    Uni<Void> deliver(byte[] body, String what) {
        String signed = signature.sign(body);
        Uni<Integer> attempts = Uni.createFrom()
                .deferred(() -> receiver.post(signed, Long.toString(Instant.now().getEpochSecond()), body))
                .map(CallbackDelivery::statusOf);
        if (maxAttempts > 1) {
            attempts = attempts.onFailure().retry()
                    // about initial x 2^n; the cap keeps a long outage from spacing attempts hours apart
                    .withBackOff(initialBackoff, initialBackoff.multipliedBy(64))
                    .atMost(maxAttempts - 1L);
        }
        return attempts
                .invoke(status -> {
                    if (status >= 300) {
                        LOG.warnf("The callback receiver refused %s with HTTP %d; not retried", what, status);
                    } else {
                        LOG.debugf("Delivered %s", what);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Gave up delivering %s after %d attempts: %s", what,
                        maxAttempts, failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** 2xx and final refusals end the delivery; what may succeed later fails the attempt so that it is retried. */
    private static int statusOf(Response response) {
        int status = response.getStatus();
        response.close();
        if (status == 429 || status >= 500) {
            throw new ReceiverUnavailable(status);
        }
        return status;
    }

    /** An answer meaning "try again later". */
    static final class ReceiverUnavailable extends RuntimeException {
        ReceiverUnavailable(int status) {
            super("the receiver answered HTTP " + status, null, false, false);
        }
    }
}
