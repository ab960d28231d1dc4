package io.parley.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.problem.ProblemResponses;
import io.parley.api.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * One page of a session's archives or broadcasts gathered from the nodes that hold them: each is asked for its own
 * first {@code offset + count} (newest first, as a forwarded request, so it answers from its own records), and the
 * answers are merged into the page asked for. A node that does not answer is left out and named in
 * {@value #PARTIAL}; an answer that is not a list (the caller's credentials refused) is passed back as it is.
 */
final class ListGathering {

    static final String PARTIAL = "X-Parley-Missing-Nodes";
    private static final Logger LOG = Logger.getLogger(ListGathering.class);
    private static final int MAX_PAGE = 1000;
    private static final long TIMEOUT_MS = 10_000;

    private record Answer(MediaNode node, int status, MultiMap headers, Buffer body) {
    }

    private final HttpClient client;
    private final ObjectMapper json;
    private final Marks marks;

    /** How this node marks the requests it sends to another ({@link NodeForwarding#mark}). */
    interface Marks {
        void mark(MultiMap headers, HttpMethod method, String path);
    }

    ListGathering(HttpClient client, ObjectMapper json, Marks marks) {
        this.client = client;
        this.json = json;
        this.marks = marks;
    }

    void merge(RoutingContext context, String path, List<MediaNode> sources) {
        int offset;
        int count;
        try {
            offset = Integer.parseInt(param(context, "offset", "0"));
            count = Integer.parseInt(param(context, "count", "50"));
        } catch (NumberFormatException e) {
            // the REST layer words this refusal; asked here, it would answer the same on every node
            context.next();
            return;
        }
        if (offset < 0 || count < 1 || count > MAX_PAGE) {
            context.next();
            return;
        }
        String query = query(context.queryParams(), Math.min(offset + count, MAX_PAGE));
        List<Future<Answer>> asked = new ArrayList<>();
        for (MediaNode node : sources) {
            asked.add(ask(context, node, path, query));
        }
        Future.join(asked).onComplete(done -> answer(context.response(), sources, asked, offset, count));
    }

    private Future<Answer> ask(RoutingContext context, MediaNode node, String path, String query) {
        RequestOptions options = NodeRequests.to(node, HttpMethod.GET, path + "?" + query)
                .setIdleTimeout(TIMEOUT_MS).setTimeout(TIMEOUT_MS);
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        options.putHeader(HttpHeaders.ACCEPT, "application/json");
        return client.request(options).compose(request -> {
            marks.mark(request.headers(), HttpMethod.GET, path);
            return request.send()
                    .compose(response -> response.body().map(body -> new Answer(node, response.statusCode(),
                            response.headers(), body)));
        });
    }

    private void answer(HttpServerResponse response, List<MediaNode> sources, List<Future<Answer>> asked, int offset,
                        int count) {
        List<JsonNode> items = new ArrayList<>();
        long total = 0;
        StringJoiner missing = new StringJoiner(",");
        for (int i = 0; i < asked.size(); i++) {
            Future<Answer> future = asked.get(i);
            if (future.failed()) {
                LOG.infof("Node %s did not answer for a merged list: %s", sources.get(i).id(),
                        future.cause().toString());
                missing.add(sources.get(i).id());
                continue;
            }
            Answer answer = future.result();
            JsonNode page = answer.status() == 200 ? parse(answer.body()) : null;
            if (page == null || !page.path("items").isArray()) {
                // the same credentials are refused the same way by every node: pass the refusal on
                response.setStatusCode(answer.status());
                String type = answer.headers().get(HttpHeaders.CONTENT_TYPE);
                if (type != null) {
                    response.putHeader(HttpHeaders.CONTENT_TYPE, type);
                }
                response.end(answer.body());
                return;
            }
            total += page.path("count").asLong();
            page.path("items").forEach(items::add);
        }
        if (items.isEmpty() && total == 0 && missing.length() > 0 && asked.stream().allMatch(Future::failed)) {
            ProblemResponses.send(json, response, ProblemType.NODE_UNAVAILABLE, "No node that holds this session's records answers");
            return;
        }
        items.sort(Comparator.comparing(ListGathering::createdAt).reversed());
        ObjectNode merged = json.createObjectNode().put("count", total);
        ArrayNode page = merged.putArray("items");
        items.stream().skip(offset).limit(count).forEach(page::add);
        if (missing.length() > 0) {
            response.putHeader(PARTIAL, missing.toString());
        }
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(merged.toString());
    }

    private JsonNode parse(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Instant createdAt(JsonNode item) {
        try {
            return Instant.parse(item.path("createdAt").asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static String param(RoutingContext context, String name, String fallback) {
        String value = context.queryParams().get(name);
        return value == null ? fallback : value;
    }

    /** The caller's query with each node asked for its newest {@code first}. */
    private static String query(MultiMap params, int first) {
        StringJoiner query = new StringJoiner("&");
        for (String name : params.names()) {
            if (name.equals("offset") || name.equals("count")) {
                continue;
            }
            for (String value : params.getAll(name)) {
                query.add(encode(name) + "=" + encode(value));
            }
        }
        query.add("offset=0").add("count=" + first);
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
