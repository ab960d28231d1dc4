package io.parley.embedded.archives.playback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.problem.Problem;
import io.parley.api.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The API's problem+json from the media routes, which answer outside JAX-RS: written by Jackson (a detail may hold any character). */
final class MediaProblem {

    private MediaProblem() {
    }

    static void send(ObjectMapper mapper, HttpServerResponse response, ProblemType type, String detail) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(type, detail, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
