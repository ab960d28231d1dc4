package io.parley.nodes;

import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node map in this process's memory: what {@code parley.store=files} uses, where this node is the only one. It
 * keeps the same rules as the shared store, so the placement logic can be exercised without a database.
 */
public final class LocalNodeStore implements NodeStore {

    private record Beat(MediaNode node, Instant at) {
    }

    private record Hold(String nodeId, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Beat> nodes = new HashMap<>();
    private final Map<String, Hold> placements = new HashMap<>();
    private final Map<String, String> locations = new HashMap<>();
    private final Map<String, java.util.Set<String>> makers = new HashMap<>();

    public LocalNodeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public synchronized Uni<Void> heartbeat(MediaNode node) {
        nodes.put(node.id(), new Beat(node, clock.instant()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<MediaNode>> live(Duration lease) {
        Instant since = clock.instant().minus(lease);
        List<MediaNode> live = new ArrayList<>();
        for (Beat beat : nodes.values()) {
            if (!beat.at().isBefore(since)) {
                long recent = placements.values().stream()
                        .filter(h -> h.nodeId().equals(beat.node().id()) && !h.at().isBefore(since)).count();
                MediaNode n = beat.node();
                live.add(new MediaNode(n.id(), n.url(), n.load() + (int) recent, n.draining()));
            }
        }
        return Uni.createFrom().item(live);
    }

    @Override
    public synchronized Uni<String> place(String sessionId, String nodeId, Duration lease) {
        Hold held = placements.get(sessionId);
        if (held != null && alive(held.nodeId(), lease)) {
            return Uni.createFrom().item(held.nodeId());
        }
        placements.put(sessionId, new Hold(nodeId, clock.instant()));
        return Uni.createFrom().item(nodeId);
    }

    private boolean alive(String nodeId, Duration lease) {
        Beat beat = nodes.get(nodeId);
        return beat != null && !beat.at().isBefore(clock.instant().minus(lease));
    }

    @Override
    public synchronized Uni<Optional<String>> holder(String sessionId) {
        Hold held = placements.get(sessionId);
        return Uni.createFrom().item(Optional.ofNullable(held == null ? null : held.nodeId()));
    }

    @Override
    public synchronized Uni<Map<String, String>> holders(java.util.Collection<String> sessionIds) {
        Map<String, String> held = new HashMap<>();
        for (String id : sessionIds) {
            Hold hold = placements.get(id);
            if (hold != null) {
                held.put(id, hold.nodeId());
            }
        }
        return Uni.createFrom().item(held);
    }

    @Override
    public synchronized Uni<Void> release(String sessionId, String nodeId) {
        Hold held = placements.get(sessionId);
        if (held != null && held.nodeId().equals(nodeId)) {
            placements.remove(sessionId);
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Void> leave(String nodeId) {
        Beat beat = nodes.get(nodeId);
        if (beat != null) {
            nodes.put(nodeId, new Beat(beat.node(), Instant.EPOCH));
        }
        placements.values().removeIf(h -> h.nodeId().equals(nodeId));
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Void> locate(String resourceId, String sessionId, String nodeId) {
        locations.put(resourceId, nodeId);
        makers.computeIfAbsent(sessionId, k -> new java.util.TreeSet<>()).add(nodeId);
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<MediaNode>> makersOf(String sessionId, Duration lease) {
        List<MediaNode> found = new ArrayList<>();
        for (String nodeId : makers.getOrDefault(sessionId, java.util.Set.of())) {
            if (alive(nodeId, lease)) {
                found.add(nodes.get(nodeId).node());
            }
        }
        return Uni.createFrom().item(found);
    }

    @Override
    public synchronized Uni<Optional<MediaNode>> locationOf(String resourceId) {
        String nodeId = locations.get(resourceId);
        Beat beat = nodeId == null ? null : nodes.get(nodeId);
        return Uni.createFrom().item(Optional.ofNullable(beat == null ? null : beat.node()));
    }
}
