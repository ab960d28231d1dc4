package io.parley.api.problem;

/** The stable problem types of Parley's API: clients may switch on {@link #uri()}. */
public enum ProblemType {
    VALIDATION_FAILED(400, "Invalid request"),
    MALFORMED_BODY(400, "Malformed request body"),
    UNAUTHENTICATED(401, "Authentication required"),
    INVALID_TOKEN(401, "Invalid token"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    GONE(410, "Gone"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RANGE_NOT_SATISFIABLE(416, "Range not satisfiable"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL(500, "Internal error"),
    NOT_SUPPORTED(501, "Not supported by this platform"),
    UPSTREAM_REJECTED(502, "The video platform refused Parley's request"),
    UPSTREAM_UNAVAILABLE(503, "The video platform is unavailable"),
    NODE_UNAVAILABLE(503, "The media node that carries this is unavailable");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String uri() {
        return "urn:parley:problem:" + slug();
    }
}
