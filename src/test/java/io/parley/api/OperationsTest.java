package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static io.parley.api.ApiFixtures.token;
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

        String metrics = asServer().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("parley_sessions_created_total")
                .contains("parley_tokens_issued_total{role=\"moderator\"}")
                .contains("parley_api_errors_total{type=\"not-found\"}")
                .contains("parley_api_errors_total{type=\"conflict\"}");
    }

    @Test
    void metricsNeedTheServerKey() {
        given().get("/q/metrics").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:parley:problem:unauthenticated"));
        given().header("Authorization", "Bearer wrong-key-0123456789").get("/q/metrics").then().statusCode(401);
        given().header("Authorization", "Bearer " + token(createSession("ROUTED"), "MODERATOR"))
                .get("/q/metrics").then().statusCode(401);
    }

    @Test
    void readinessDoesNotTellWhereTheDataLives() {
        String dataDir = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("parley.data-dir", String.class);
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(ready).doesNotContain(dataDir)
                .doesNotContain(java.nio.file.Path.of(dataDir).toAbsolutePath().toString());
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/api/v1/sessions/none", "/q/health/ready", "/q/openapi"}) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Parley API"));
    }
}
