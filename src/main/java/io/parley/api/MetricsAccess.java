package io.parley.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.auth.ApiConfig;
import io.parley.api.auth.ServerKey;
import io.parley.api.problem.Problem;
import io.parley.api.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * {@code /q/metrics} answers only the server key unless {@code parley.api.public-metrics} is on: its counters show
 * how many sessions, streams and tokens a deployment has, which is nobody's business but the operator's. Prometheus
 * sends the key with {@code authorization: {credentials: <server key>}} in its scrape config.
 */
@ApplicationScoped
public class MetricsAccess {

    static final String METRICS = "/q/metrics";
    private static final String BEARER = "bearer ";

    private final ServerKey serverKey;
    private final boolean open;
    private final ObjectMapper mapper;

    public MetricsAccess(ServerKey serverKey, ApiConfig config, ObjectMapper mapper) {
        this.serverKey = serverKey;
        this.open = config.publicMetrics();
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        if (!open) {
            router.route(METRICS).order(-900).handler(this::check);
            router.route(METRICS + "/*").order(-900).handler(this::check);
        }
    }

    private void check(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                && serverKey.matches(authorization.substring(BEARER.length()).strip())) {
            context.next();
            return;
        }
        ProblemType type = ProblemType.UNAUTHENTICATED;
        Problem problem = Problem.of(type,
                "Metrics need the server key as Authorization: Bearer (or parley.api.public-metrics=true)",
                context.request().path(), null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer")
                .end(body);
    }
}
