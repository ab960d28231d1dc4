package io.parley.nodes;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;

/**
 * A request from this node to another: to that node's own host, port and scheme, with the path and query given,
 * never an absolute URI built from text, so nothing in a path can point at another authority.
 */
final class NodeRequests {

    private NodeRequests() {
    }

    /** {@code pathAndQuery} starts with "/"; the node's URL may carry a base path, which goes in front. */
    static RequestOptions to(MediaNode node, HttpMethod method, String pathAndQuery) {
        URI base = node.url();
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return new RequestOptions().setMethod(method).setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80).setSsl(tls)
                .setURI(basePath + pathAndQuery);
    }
}
