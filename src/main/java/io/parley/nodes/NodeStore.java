package io.parley.nodes;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The shared map of media nodes and what lives on them: heartbeats, session placements, and where each archive and
 * broadcast was made. Liveness is judged by the store's own clock, so nodes with skewed clocks agree.
 */
public interface NodeStore {

    /** Whether other nodes share this map; the in-memory one is this node's alone. */
    default boolean shared() {
        return true;
    }

    /** Records that {@code node} is alive now, with its load and whether it drains. */
    Uni<Void> heartbeat(MediaNode node);

    /** The nodes that heart-beat within {@code lease}; their load includes sessions placed on them in that time. */
    Uni<List<MediaNode>> live(Duration lease);

    /**
     * Places {@code sessionId} on {@code nodeId} unless a node that is alive within {@code lease} already holds it.
     *
     * @return the id of the node that holds the session afterwards
     */
    Uni<String> place(String sessionId, String nodeId, Duration lease);

    /** The node that holds the session, alive or not. */
    Uni<Optional<String>> holder(String sessionId);

    /** The nodes that hold these sessions (alive or not); a session nobody holds is absent. */
    Uni<java.util.Map<String, String>> holders(java.util.Collection<String> sessionIds);

    /** Gives up the session if {@code nodeId} holds it (its last participant left). */
    Uni<Void> release(String sessionId, String nodeId);

    /** A node leaves: it is no longer live and every placement it holds goes (its address stays, for its archives). */
    Uni<Void> leave(String nodeId);

    /** Remembers that an archive or a broadcast of {@code sessionId} was made on {@code nodeId}: its files are there. */
    Uni<Void> locate(String resourceId, String sessionId, String nodeId);

    /** The live nodes that made archives or broadcasts of the session. */
    Uni<List<MediaNode>> makersOf(String sessionId, Duration lease);

    /** The node that made the archive or broadcast, if recorded. */
    Uni<Optional<MediaNode>> locationOf(String resourceId);
}
