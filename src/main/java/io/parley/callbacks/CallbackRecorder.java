package io.parley.callbacks;

import io.parley.video.ArchiveChanged;
import io.parley.video.BroadcastChanged;
import io.parley.video.StatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every announced archive and broadcast status change ({@link ArchiveChanged}, {@link BroadcastChanged}) in the {@link CallbackOutbox}, from which
 * {@link CallbackRelay} delivers it. The caller is never blocked; the changes of one archive are recorded one after
 * the other, in the order they were announced, so the outbox's order is theirs.
 */
@ApplicationScoped
public class CallbackRecorder {

    private static final Logger LOG = Logger.getLogger(CallbackRecorder.class);

    private final CallbackOutbox outbox;
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    public CallbackRecorder(CallbackOutbox outbox) {
        this.outbox = outbox;
    }

    void onArchiveChanged(@Observes ArchiveChanged change) {
        record(change);
    }

    void onBroadcastChanged(@Observes BroadcastChanged change) {
        record(change);
    }

    private void record(StatusChange change) {
        String subjectId = change.subjectId();
        // a new chain waits for this gate, so that nothing is recorded from inside the map's lock
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> queued = chains.compute(subjectId, (id, previous) -> (previous == null ? gate : previous)
                .thenCompose(done -> outbox.add(change)
                        .onFailure().invoke(failure -> LOG.errorf("Could not record the status callback of %s: %s",
                                subjectId, failure.toString()))
                        .onFailure().recoverWithNull()
                        .subscribeAsCompletionStage()));
        gate.complete(null);
        // the chain ends with its last record; a later change then starts a new one
        queued.whenComplete((done, failure) -> chains.remove(subjectId, queued));
    }
}
