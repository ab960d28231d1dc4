package io.parley.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The API's problem+json from the routes that answer outside JAX-RS (the media routes, forwarding between nodes):
 * written by Jackson, since a detail may hold any character.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(ObjectMapper mapper, HttpServerResponse response, ProblemType type, String detail) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(type, detail, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
