package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OperationsTest {

    @Test
    void livenessAndReadiness() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("data-directory"));
    }

    @Test
    void businessCountersAreExported() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("role", "MODERATOR")).post("/api/v1/sessions/{id}/tokens", sessionId)
                .then().statusCode(201);
        asServer().get("/api/v1/sessions/{id}", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        asServer().body(Map.of()).post("/api/v1/sessions/{id}/archives", sessionId).then().statusCode(409);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("parley_sessions_created_total")
                .contains("parley_tokens_issued_total{role=\"moderator\"}")
                .contains("parley_api_errors_total{type=\"not-found\"}")
                .contains("parley_api_errors_total{type=\"conflict\"}");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Parley API"));
    }
}
