package io.parley.nodes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Which media node carries each session of the embedded platform, as LiveKit places a room: a session is placed on
 * the least loaded live node when it is first used and stays there while that node heart-beats; signaling goes to
 * that node, REST is forwarded to it. A node whose lease runs out loses its sessions to whichever node the next
 * participant connects through.
 *
 * <p>With state in files there is one node, this one: nothing is asked of a store and nothing is redirected.
 */
@ApplicationScoped
public class Placement {

    private static final Logger LOG = Logger.getLogger(Placement.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

    private final NodeStore store;
    private final NodeConfig config;
    private final Supplier<NodeLoad> load;
    private final Vertx vertx;
    private final String selfId;
    private final URI selfUrl;
    private volatile boolean started;
    private volatile boolean draining;
    private volatile List<MediaNode> lastSeen = List.of();
    private long timer = -1;

    @Inject
    public Placement(NodeStore store, NodeConfig config, Instance<NodeLoad> load, Vertx vertx,
                     @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.port",
                             defaultValue = "8080") int httpPort) {
        this(store, config, () -> load.isResolvable() ? load.get() : null, vertx,
                config.id().orElse(hostName() + ":" + httpPort),
                URI.create(config.url().orElse("http://" + hostName() + ":" + httpPort).replaceAll("/+$", "")));
    }

    /** {@code load} gives what this node carries, or null while nothing does. */
    public Placement(NodeStore store, NodeConfig config, Supplier<NodeLoad> load, Vertx vertx, String selfId,
                     URI selfUrl) {
        this.store = store;
        this.config = config;
        this.load = load;
        this.vertx = vertx;
        this.selfId = selfId;
        this.selfUrl = selfUrl;
    }

    /** The one node of a Parley that keeps its state in files. */
    public static Placement alone(NodeConfig config, Vertx vertx) {
        return new Placement(new LocalNodeStore(java.time.Clock.systemUTC()), config, () -> null, vertx, "local",
                URI.create("http://localhost"));
    }

    /** Whether sessions may live on other nodes than this one. */
    public boolean clustered() {
        return store.shared();
    }

    /** Whether this node has joined the node map (the embedded platform, with shared state). */
    public boolean active() {
        return started;
    }

    public String selfId() {
        return selfId;
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Joins the node map and keeps heart-beating; the embedded platform calls it at start-up, once the media router
     * has its port. The first heartbeat is written before this returns, so a joiner placed right after start-up can
     * be placed here.
     */
    public synchronized void start() {
        if (started || !clustered()) {
            return;
        }
        List<MediaNode> live = store.live(config.lease()).await().atMost(STORE_TIMEOUT);
        find(live, selfId).filter(other -> !other.url().equals(selfUrl)).ifPresent(other -> {
            throw new IllegalStateException("Media node id " + selfId + " is in use by the live node at "
                    + other.url() + ": give each node its own parley.node.id");
        });
        started = true;
        beat().await().atMost(STORE_TIMEOUT);
        LOG.infof("Media node %s at %s joined the node map", selfId, selfUrl);
        timer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> beat().subscribe().with(
                ignored -> { }, failure -> LOG.warnf("Heartbeat of node %s failed: %s", selfId, failure.toString())));
    }

    /** Stops heart-beating (at shutdown, after {@link #drain()}; or as a node that dies would). */
    @PreDestroy
    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private Uni<Void> beat() {
        return store.heartbeat(self()).chain(() -> store.live(config.lease()))
                .invoke(nodes -> lastSeen = List.copyOf(nodes))
                .chain(this::reconcile);
    }

    /**
     * Makes the map agree with what this node carries: a live session whose row went (released while a participant
     * came back) is placed here again, and one whose row another live node took (this node's heartbeat was late, or
     * two connects raced) moves there, so that a session is never carried by two nodes for longer than a heartbeat.
     */
    private Uni<Void> reconcile(List<MediaNode> nodes) {
        NodeLoad carried = load.get();
        if (carried == null || draining) {
            return Uni.createFrom().voidItem();
        }
        Set<String> here = carried.sessionIds();
        if (here.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.holders(here).chain(holders -> {
            List<Uni<Void>> fixes = new ArrayList<>();
            for (String sessionId : here) {
                String holder = holders.get(sessionId);
                if (selfId.equals(holder)) {
                    continue;
                }
                Optional<MediaNode> other = holder == null ? Optional.empty() : find(nodes, holder);
                if (other.isPresent()) {
                    LOG.infof("Session %s is carried by node %s: its participants here move there", sessionId,
                            holder);
                    carried.move(sessionId, other.get().signalingUrl());
                    continue;
                }
                fixes.add(store.place(sessionId, selfId, config.lease()).invoke(placed -> {
                    if (!placed.equals(selfId)) {
                        find(nodes, placed).ifPresent(n -> carried.move(sessionId, n.signalingUrl()));
                    }
                }).replaceWithVoid());
            }
            return fixes.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(fixes).andCollectFailures().replaceWithVoid();
        });
    }

    private MediaNode self() {
        NodeLoad carried = load.get();
        return new MediaNode(selfId, selfUrl, carried == null ? 0 : carried.load(), draining);
    }

    /**
     * Where a client should connect for the session (a join, a token): its node if it has a live one, or else the
     * least loaded live node, which now holds it. Empty when there is only one node.
     */
    public Uni<Optional<MediaNode>> place(String sessionId) {
        if (!clustered()) {
            return Uni.createFrom().item(Optional.empty());
        }
        // most joins are of rooms that already have a node: one read, checked against the last heartbeat's view
        return store.holder(sessionId).chain(holder -> {
            Optional<MediaNode> known = holder.flatMap(id -> find(lastSeen, id));
            if (known.isPresent()) {
                return Uni.createFrom().item(known);
            }
            return store.live(config.lease())
                    .chain(nodes -> store.place(sessionId, leastLoaded(nodes).id(), config.lease())
                            .chain(placed -> resolve(placed, nodes)).map(Optional::of));
        });
    }

    /** The node with id {@code holder}: this one, one of {@code nodes}, or one that heart-beat since they were read. */
    private Uni<MediaNode> resolve(String holder, List<MediaNode> nodes) {
        if (holder.equals(selfId)) {
            return Uni.createFrom().item(self());
        }
        Optional<MediaNode> known = find(nodes, holder);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return store.live(config.lease()).map(fresh -> find(fresh, holder).orElseThrow(() ->
                new IllegalStateException("node " + holder + " holds the session but is not live; try again")));
    }

    /**
     * A participant connected here: the node that must carry it. This node takes a session nobody live holds,
     * unless it is draining, when the least loaded other node does.
     */
    public Uni<MediaNode> claim(String sessionId) {
        if (!clustered()) {
            return Uni.createFrom().item(self());
        }
        return store.holder(sessionId).chain(holder -> {
            if (holder.isPresent() && holder.get().equals(selfId) && !draining) {
                return Uni.createFrom().item(self());
            }
            return claimFresh(sessionId);
        });
    }

    private Uni<MediaNode> claimFresh(String sessionId) {
        return store.live(config.lease()).chain(nodes -> {
            String candidate = draining ? leastLoaded(nodes).id() : selfId;
            return store.place(sessionId, candidate, config.lease()).chain(holder -> resolve(holder, nodes));
        });
    }

    /** The live node other than this one that holds the session, for REST calls that need the session's node. */
    public Uni<Optional<MediaNode>> holderElsewhere(String sessionId) {
        if (!clustered()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return store.holder(sessionId).chain(holder -> {
            if (holder.isEmpty() || holder.get().equals(selfId)) {
                return Uni.createFrom().item(Optional.<MediaNode>empty());
            }
            return store.live(config.lease()).map(nodes -> find(nodes, holder.get()));
        });
    }

    /** The node other than this one where an archive or broadcast was made (live or not), if any. */
    public Uni<Optional<MediaNode>> locationElsewhere(String resourceId) {
        if (!clustered()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return store.locationOf(resourceId).map(node -> node.filter(n -> !n.id().equals(selfId)));
    }

    /** Remembers that an archive or broadcast of the session is made here, so other nodes send its requests here. */
    public Uni<Void> madeHere(String resourceId, String sessionId) {
        return clustered() ? store.locate(resourceId, sessionId, selfId) : Uni.createFrom().voidItem();
    }

    /**
     * The live nodes whose records a list of the session's archives or broadcasts must gather: those that made any,
     * and the one that carries it now (where the next will be made). Just this node, when it is the only one.
     */
    public Uni<List<MediaNode>> listSources(String sessionId) {
        if (!clustered()) {
            return Uni.createFrom().item(List.of(self()));
        }
        return store.makersOf(sessionId, config.lease()).chain(makers -> holderElsewhere(sessionId).map(holder -> {
            java.util.Map<String, MediaNode> sources = new java.util.TreeMap<>();
            makers.forEach(n -> sources.put(n.id(), n));
            holder.ifPresent(n -> sources.put(n.id(), n));
            if (sources.isEmpty() || holder.isEmpty()) {
                sources.put(selfId, self());
            }
            return List.copyOf(sources.values());
        }));
    }

    /** The session's last participant here left: the next one may be placed on any node. */
    public void ended(String sessionId) {
        if (!clustered()) {
            return;
        }
        // a participant who drops and reconnects at once must find the session still here: release it only if it
        // is still not live a heartbeat later (and the heartbeat's reconcile repairs the rare race that remains)
        vertx.setTimer(config.heartbeat().toMillis(), id -> {
            NodeLoad carried = load.get();
            if (carried != null && carried.sessionIds().contains(sessionId)) {
                return;
            }
            store.release(sessionId, selfId).subscribe().with(ignored -> { },
                    failure -> LOG.debugf("Releasing session %s failed: %s", sessionId, failure.toString()));
        });
    }

    /** The signaling URLs of the live nodes at the last heartbeat, for a client whose node goes away. */
    public List<String> liveSignalingUrls() {
        List<String> urls = new ArrayList<>();
        for (MediaNode node : lastSeen) {
            if (!node.draining()) {
                urls.add(node.signalingUrl());
            }
        }
        return urls;
    }

    /**
     * SIGTERM: take no new sessions, give the live ones {@link NodeConfig#drainTimeout()} to end, then leave the map
     * and send whoever is left to reconnect, so that their sessions are placed on another node. Blocks until done.
     */
    public void drain() {
        if (!started) {
            return;
        }
        draining = true;
        long began = System.nanoTime();
        try {
            beat().await().atMost(STORE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("Node %s could not announce its drain: %s", selfId, e.toString());
        }
        NodeLoad carried = load.get();
        long deadline = began + config.drainTimeout().toNanos();
        while (carried != null && carried.hasSessions() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        try {
            store.leave(selfId).await().atMost(STORE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("Node %s could not leave the node map (its lease runs out instead): %s", selfId, e.toString());
        }
        if (carried != null && carried.hasSessions()) {
            carried.moveEveryone();
        }
        LOG.infof("Media node %s drained in %d ms", selfId, (System.nanoTime() - began) / 1_000_000);
    }

    private MediaNode leastLoaded(List<MediaNode> nodes) {
        List<MediaNode> open = nodes.stream().filter(n -> !n.draining()).toList();
        if (open.isEmpty()) {
            return self();
        }
        int least = open.stream().min(Comparator.comparingInt(MediaNode::load)).orElseThrow().load();
        // ties are broken at random, so that a burst of new sessions between heartbeats spreads
        List<MediaNode> tied = open.stream().filter(n -> n.load() == least).toList();
        return tied.get(ThreadLocalRandom.current().nextInt(tied.size()));
    }

    private static Optional<MediaNode> find(List<MediaNode> nodes, String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
