package io.parley.nodes;

import io.parley.video.ArchiveChanged;
import io.parley.video.BroadcastChanged;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, in the node map, that each archive and broadcast announced here is made here: its files stay on this
 * node, so the others forward its requests here ({@link NodeForwarding}).
 */
@ApplicationScoped
public class MediaLocations {

    private static final Logger LOG = Logger.getLogger(MediaLocations.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    private static final int REMEMBERED = 10_000;

    private final Placement placement;
    /** Ids already written, so that an archive's later status changes cost nothing. */
    private final Set<String> written = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public MediaLocations(Placement placement) {
        this.placement = placement;
    }

    void archive(@Observes ArchiveChanged change) {
        madeHere(change.subjectId(), change.archive().sessionId());
    }

    void broadcast(@Observes BroadcastChanged change) {
        madeHere(change.subjectId(), change.broadcast().sessionId());
    }

    private void madeHere(String id, String sessionId) {
        if (!placement.active() || !written.add(id)) {
            return;
        }
        var write = placement.madeHere(id, sessionId);
        if (Context.isOnEventLoopThread()) {
            write.subscribe().with(ok -> { }, failure -> forget(id, failure));
            return;
        }
        // off the event loop (a start runs on a worker), the start's answer waits for the write, so that a client's
        // next request about it, through any node, finds where it is
        try {
            write.await().atMost(WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            forget(id, e);
        }
    }

    private void forget(String id, Throwable failure) {
        written.remove(id);
        LOG.warnf("Could not record that %s is on node %s: %s", id, placement.selfId(), failure.toString());
    }
}
