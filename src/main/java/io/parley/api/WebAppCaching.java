package io.parley.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * How long browsers may keep the web app. (The security headers every response carries are set in
 * application.properties, {@code quarkus.http.header.*}, so that Quarkus adds them to REST answers too.)
 *
 * <p>Quinoa serves the built app with {@code immutable, max-age=86400}. Only Vite's hashed files under
 * {@code /assets/} are immutable (a new build has new names); the shell ({@code index.html}, served for {@code /} and
 * {@code /r/{room}}) and other unhashed files must be revalidated, or browsers would keep a stale app for a day after
 * an upgrade.
 */
@ApplicationScoped
public class WebAppCaching {

    static final String HASHED_ASSETS = "/assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::onRequest);
    }

    private void onRequest(RoutingContext context) {
        String path = context.request().path();
        HttpServerResponse response = context.response();
        response.headersEndHandler(v -> {
            if (response.getStatusCode() != 200) {
                return;
            }
            String cache = response.headers().get(HttpHeaders.CACHE_CONTROL);
            String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
            if (path != null && path.startsWith(HASHED_ASSETS)) {
                response.putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
            } else if (cache != null && cache.contains("immutable") || type != null && type.startsWith("text/html")) {
                response.putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
            }
        });
        context.next();
    }
}
