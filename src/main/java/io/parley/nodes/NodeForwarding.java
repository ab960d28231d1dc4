package io.parley.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.auth.ServerKey;
import io.parley.api.problem.ProblemResponses;
import io.parley.api.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST on any node: a request about a session that another live node carries (its connections, streams, moderation,
 * signals, archive and broadcast starts), or about an archive or broadcast made on another node (its state, stop,
 * layout, playback and media files), is passed to that node as it came — method, path, query, body, the caller's
 * credentials — and its answer passed back. What needs no live state (sessions, tokens, rooms) is answered here
 * from the shared store.
 *
 * <p>A forwarded request carries {@value #FORWARDED} and {@value #SIGNATURE} (the server key's signature of the
 * mark, method and path), and one that carries a valid mark is answered where it arrives, never forwarded again, so
 * two nodes that disagree for a moment cannot bounce a request between them. A mark that does not verify is a
 * client's, and is dropped. The mark grants nothing else: the node that answers checks the caller's credentials as
 * for any request.
 */
@ApplicationScoped
public class NodeForwarding {

    static final String FORWARDED = "X-Parley-Forwarded-By";
    /** The forwarding node's signature of the request's mark, with the server key every node shares. */
    static final String SIGNATURE = "X-Parley-Forwarded-Signature";
    private static final Logger LOG = Logger.getLogger(NodeForwarding.class);
    private static final Pattern SESSION_PART = Pattern.compile(
            "/api/v1/sessions/([A-Za-z0-9_-]{1,64})/(connections|streams|mute|signal|archives|broadcasts)(/.*)?");
    private static final Pattern MADE_THING = Pattern.compile("/api/v1/(?:archives|broadcasts)/([A-Za-z0-9_-]{1,64})(/.*)?");
    private static final Pattern LIST = Pattern.compile("/api/v1/(?:archives|broadcasts)/?");
    private static final Pattern MEDIA = Pattern.compile("/media/(?:archives|broadcasts)/([A-Za-z0-9_-]{1,64})(/.*)?");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");
    private static final long TIMEOUT_MS = 30_000;
    private static final java.time.Duration STORE_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final Placement placement;
    private final ObjectMapper mapper;
    private final HttpClient client;
    private final ServerKey key;
    private final ListGathering lists;

    public NodeForwarding(Placement placement, ObjectMapper mapper, Vertx vertx, ServerKey key) {
        this.placement = placement;
        this.mapper = mapper;
        this.key = key;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000)
                .setMaxPoolSize(32).setKeepAlive(true));
        this.lists = new ListGathering(client, mapper, this::mark);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    void register(@Observes Router router) {
        // before the REST layer and the media routes, so that a request meant for another node is never half-served
        router.routeWithRegex("/(api/v1|media)/.*").order(-200).handler(this::route);
    }

    private void route(RoutingContext context) {
        HttpServerRequest request = context.request();
        // only origin-form targets ("/path?query") are forwarded, and only by their normalised path: what decides
        // the node is exactly what is sent to it, so no "..", absolute form or authority can point elsewhere
        if (!placement.active() || !request.uri().startsWith("/")) {
            context.next();
            return;
        }
        String path = context.normalizedPath();
        if (request.headers().contains(FORWARDED) || request.headers().contains(SIGNATURE)) {
            if (marked(request, path)) {
                context.next();
                return;
            }
            // a mark nobody signed is a client's: it is dropped, and the request goes where it belongs
            request.headers().remove(FORWARDED).remove(SIGNATURE);
        }
        String sessionId = request.getParam("sessionId");
        if (request.method() == HttpMethod.GET && LIST.matcher(path).matches() && sessionId != null
                && SESSION_ID.matcher(sessionId).matches()) {
            gather(context, path, sessionId);
            return;
        }
        Uni<Optional<MediaNode>> target = targetOf(path);
        if (target == null) {
            context.next();
            return;
        }
        Context here = Vertx.currentContext();
        request.pause();
        target.ifNoItem().after(STORE_TIMEOUT).fail().subscribe().with(
                node -> here.runOnContext(v -> {
                    if (node.isPresent()) {
                        try {
                            forward(context, path, node.get());
                        } catch (RuntimeException e) {
                            unreachable(context, node.get(), e);
                        }
                    } else {
                        request.resume();
                        context.next();
                    }
                }),
                failure -> here.runOnContext(v -> {
                    LOG.warnf("Finding the node for %s failed: %s", path, failure.toString());
                    request.resume();
                    problem(context.response(), ProblemType.NODE_UNAVAILABLE,
                            "The shared store cannot say which node carries this; try again");
                }));
    }

    /** The node a request needs, or null when any node answers it. */
    private Uni<Optional<MediaNode>> targetOf(String path) {
        Matcher session = SESSION_PART.matcher(path);
        if (session.matches()) {
            return placement.holderElsewhere(session.group(1));
        }
        Matcher made = MADE_THING.matcher(path);
        if (made.matches()) {
            return placement.locationElsewhere(made.group(1));
        }
        Matcher media = MEDIA.matcher(path);
        if (media.matches()) {
            return placement.locationElsewhere(media.group(1));
        }
        return null;
    }

    /**
     * A session's list of archives or broadcasts: each is recorded on the node that made it, and a session that moved
     * made some on several. Answered here when only this node has any; passed on when one other node has them all;
     * else asked of every such node (each answers its own, as a forwarded request) and merged, newest first.
     */
    private void gather(RoutingContext context, String path, String sessionId) {
        HttpServerRequest request = context.request();
        Context here = Vertx.currentContext();
        request.pause();
        placement.listSources(sessionId).ifNoItem().after(STORE_TIMEOUT).fail().subscribe().with(
                sources -> here.runOnContext(v -> {
                    if (sources.size() == 1 && sources.get(0).id().equals(placement.selfId())) {
                        request.resume();
                        context.next();
                    } else if (sources.size() == 1) {
                        forward(context, path, sources.get(0));
                    } else {
                        request.resume();
                        lists.merge(context, path, sources);
                    }
                }),
                failure -> here.runOnContext(v -> {
                    request.resume();
                    problem(context.response(), ProblemType.NODE_UNAVAILABLE,
                            "The shared store cannot say which nodes hold this session's records; try again");
                }));
    }

    private void forward(RoutingContext context, String path, MediaNode node) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        RequestOptions options = NodeRequests.to(node, request.method(),
                path + (request.query() == null ? "" : "?" + request.query())).setIdleTimeout(TIMEOUT_MS);
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                unreachable(context, node, opened.cause());
                return;
            }
            HttpClientRequest out = opened.result();
            copy(request.headers(), out.headers());
            mark(out.headers(), request.method(), path);
            // the caller went away: so does the forwarded request, rather than running to its end for nobody
            response.closeHandler(v -> out.reset());
            if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                    || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                out.setChunked(!request.headers().contains(HttpHeaders.CONTENT_LENGTH));
                // a body cut short is a reset, never a request that looks complete
                request.pipe().endOnFailure(false).to(out).onFailure(e -> out.reset());
            } else {
                request.resume();
                out.end();
            }
            out.response().onComplete(answered -> {
                if (answered.failed()) {
                    unreachable(context, node, answered.cause());
                    return;
                }
                HttpClientResponse in = answered.result();
                response.setStatusCode(in.statusCode());
                copy(in.headers(), response.headers());
                // likewise an answer cut short: the caller sees a reset, not a truncated file that ends cleanly
                in.pipe().endOnFailure(false).to(response).onFailure(e -> response.reset());
            });
        });
    }

    private void unreachable(RoutingContext context, MediaNode node, Throwable cause) {
        LOG.infof("Node %s, which carries %s, did not answer: %s", node.id(), context.normalizedPath(),
                cause.toString());
        context.request().resume();
        if (context.response().headWritten() || context.response().closed()) {
            context.response().reset();
            return;
        }
        problem(context.response(), ProblemType.NODE_UNAVAILABLE, "Node " + node.id()
                + " carries this and does not answer; a session moves on its participants' next connect");
    }

    /**
     * Marks a request this node sends to another: by whom, and signed with the server key over the mark, method and
     * path, so that the mark cannot be made by a client to keep a request from its node.
     */
    void mark(MultiMap headers, HttpMethod method, String path) {
        headers.set(FORWARDED, placement.selfId());
        headers.set(SIGNATURE, key.sign(subject(placement.selfId(), method, path)));
    }

    private boolean marked(HttpServerRequest request, String path) {
        String by = request.getHeader(FORWARDED);
        return by != null && key.signed(subject(by, request.method(), path), request.getHeader(SIGNATURE));
    }

    private static String subject(String node, HttpMethod method, String path) {
        return "forwarded\n" + node + "\n" + method.name() + "\n" + path;
    }

    /** Every end-to-end header, replacing what the receiving side already set (such as the security headers). */
    private static void copy(MultiMap from, MultiMap to) {
        for (String name : from.names()) {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                to.set(name, from.getAll(name));
            }
        }
    }

    private void problem(HttpServerResponse response, ProblemType type, String detail) {
        ProblemResponses.send(mapper, response, type, detail);
    }
}
