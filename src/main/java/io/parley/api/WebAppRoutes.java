package io.parley.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the web app (built and served by Quinoa at /) for its own client-side addresses, {@code /r/{room}}, so a room
 * link opens the app, which reads the room from the address.
 *
 * <p>Quinoa's generic SPA routing cannot do this here: the REST application sits at / and {@code ProblemMappers}
 * maps every {@code WebApplicationException}, so Quarkus REST answers every unmatched path itself with a problem+json
 * 404 instead of passing it on. Rerouting only the app's own addresses also keeps typos elsewhere honest 404s.
 */
@ApplicationScoped
public class WebAppRoutes {

    static final String ROOM_ADDRESS = "/r/[^/]+/?";

    void register(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, ROOM_ADDRESS).order(-100).handler(context -> context.reroute("/"));
        router.routeWithRegex(HttpMethod.HEAD, ROOM_ADDRESS).order(-100).handler(context -> context.reroute("/"));
    }
}
