package io.parley.storage.postgres;

import io.parley.nodes.MediaNode;
import io.parley.nodes.NodeStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node map in {@code media_node}, {@code session_placement} and {@code media_location}. Every liveness test
 * compares with the database's {@code now()}, never a node's clock.
 */
public final class PgNodeStore implements NodeStore {

    private final Pool pool;
    private final StoreTimer timer;

    PgNodeStore(Pool pool, StoreTimer timer) {
        this.pool = pool;
        this.timer = timer;
    }

    @Override
    public Uni<Void> heartbeat(MediaNode node) {
        return timer.time("node.heartbeat", () -> pool.preparedQuery("""
                        INSERT INTO media_node (id, url, load, draining, heartbeat_at) VALUES ($1, $2, $3, $4, now())
                        ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, load = EXCLUDED.load,
                            draining = EXCLUDED.draining, heartbeat_at = now()""")
                .execute(Tuple.of(node.id(), node.url().toString(), node.load(), node.draining()))
                .replaceWithVoid());
    }

    @Override
    public Uni<List<MediaNode>> live(Duration lease) {
        return timer.time("node.live", () -> pool.preparedQuery("""
                        SELECT n.id, n.url, n.draining, n.load + (SELECT count(*) FROM session_placement p
                            WHERE p.node_id = n.id AND p.placed_at >= now() - $1 * interval '1 millisecond') AS load
                        FROM media_node n WHERE n.heartbeat_at >= now() - $1 * interval '1 millisecond'
                        ORDER BY n.id""")
                .execute(Tuple.of((double) lease.toMillis()))
                .map(rows -> {
                    List<MediaNode> nodes = new ArrayList<>();
                    for (Row row : rows) {
                        nodes.add(node(row, row.getLong("load").intValue()));
                    }
                    return nodes;
                }));
    }

    @Override
    public Uni<String> place(String sessionId, String nodeId, Duration lease) {
        return place(sessionId, nodeId, lease, 3);
    }

    private Uni<String> place(String sessionId, String nodeId, Duration lease, int attempts) {
        // Takes the row when it is free or its node's lease ran out; otherwise RETURNING is empty and the holder stays.
        return timer.time("node.place", () -> pool.preparedQuery("""
                        INSERT INTO session_placement (session_id, node_id, placed_at) VALUES ($1, $2, now())
                        ON CONFLICT (session_id) DO UPDATE SET node_id = EXCLUDED.node_id, placed_at = now()
                        WHERE NOT EXISTS (SELECT 1 FROM media_node n WHERE n.id = session_placement.node_id
                            AND n.heartbeat_at >= now() - $3 * interval '1 millisecond')
                        RETURNING node_id""")
                .execute(Tuple.of(sessionId, nodeId, (double) lease.toMillis()))
                .chain(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (it.hasNext()) {
                        return Uni.createFrom().item(it.next().getString("node_id"));
                    }
                    // the holder stayed, unless it released the row in between: then place again
                    return holder(sessionId).chain(holder -> {
                        if (holder.isPresent()) {
                            return Uni.createFrom().item(holder.get());
                        }
                        return attempts <= 1 ? Uni.createFrom().failure(new IllegalStateException(
                                "session " + sessionId + " was placed and released repeatedly; try again"))
                                : place(sessionId, nodeId, lease, attempts - 1);
                    });
                }));
    }

    @Override
    public Uni<java.util.Map<String, String>> holders(java.util.Collection<String> sessionIds) {
        return timer.time("node.holders", () -> pool.preparedQuery(
                        "SELECT session_id, node_id FROM session_placement WHERE session_id = ANY($1)")
                .execute(Tuple.of(sessionIds.toArray(new String[0])))
                .map(rows -> {
                    java.util.Map<String, String> held = new java.util.HashMap<>();
                    for (Row row : rows) {
                        held.put(row.getString("session_id"), row.getString("node_id"));
                    }
                    return held;
                }));
    }

    @Override
    public Uni<Optional<String>> holder(String sessionId) {
        return timer.time("node.holder", () -> pool.preparedQuery(
                        "SELECT node_id FROM session_placement WHERE session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getString("node_id")) : Optional.<String>empty();
                }));
    }

    @Override
    public Uni<Void> release(String sessionId, String nodeId) {
        return timer.time("node.release", () -> pool.preparedQuery(
                        "DELETE FROM session_placement WHERE session_id = $1 AND node_id = $2")
                .execute(Tuple.of(sessionId, nodeId)).replaceWithVoid());
    }

    @Override
    public Uni<Void> leave(String nodeId) {
        return timer.time("node.leave", () -> pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM session_placement WHERE node_id = $1").execute(Tuple.of(nodeId))
                .chain(() -> connection.preparedQuery(
                                "UPDATE media_node SET heartbeat_at = 'epoch', draining = true WHERE id = $1")
                        .execute(Tuple.of(nodeId)))
                .replaceWithVoid()));
    }

    @Override
    public Uni<Void> locate(String resourceId, String sessionId, String nodeId) {
        return timer.time("node.locate", () -> pool.preparedQuery("""
                        INSERT INTO media_location (resource_id, session_id, node_id) VALUES ($1, $2, $3)
                        ON CONFLICT (resource_id) DO NOTHING""")
                .execute(Tuple.of(resourceId, sessionId, nodeId)).replaceWithVoid());
    }

    @Override
    public Uni<List<MediaNode>> makersOf(String sessionId, Duration lease) {
        return timer.time("node.makers", () -> pool.preparedQuery("""
                        SELECT n.id, n.url, n.draining, n.load FROM media_node n
                        WHERE n.heartbeat_at >= now() - $2 * interval '1 millisecond'
                        AND EXISTS (SELECT 1 FROM media_location l WHERE l.session_id = $1 AND l.node_id = n.id)
                        ORDER BY n.id""")
                .execute(Tuple.of(sessionId, (double) lease.toMillis()))
                .map(rows -> {
                    List<MediaNode> nodes = new ArrayList<>();
                    for (Row row : rows) {
                        nodes.add(node(row, row.getInteger("load")));
                    }
                    return nodes;
                }));
    }

    @Override
    public Uni<Optional<MediaNode>> locationOf(String resourceId) {
        return timer.time("node.location", () -> pool.preparedQuery("""
                        SELECT n.id, n.url, n.draining, n.load FROM media_location l
                        JOIN media_node n ON n.id = l.node_id WHERE l.resource_id = $1""")
                .execute(Tuple.of(resourceId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<MediaNode>empty();
                    }
                    Row row = it.next();
                    return Optional.of(node(row, row.getInteger("load")));
                }));
    }

    private static MediaNode node(Row row, int load) {
        return new MediaNode(row.getString("id"), URI.create(row.getString("url")), load, row.getBoolean("draining"));
    }
}
