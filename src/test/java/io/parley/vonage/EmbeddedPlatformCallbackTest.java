package io.parley.vonage;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** On the default (embedded) platform, Vonage's callback route does not exist and the Vonage check stands aside. */
@QuarkusTest
class EmbeddedPlatformCallbackTest {

    @Test
    void callbackRouteIsNotFound() {
        given().contentType("application/json")
                .body(VonageCallbackFixtures.callback("b40ef09b-3811-4726-b508-e41a0f96c68f", "s", "available"))
                .post("/api/v1/callbacks/vonage").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:not-found"));
    }

    @Test
    void vonageReadinessSaysNotApplicable() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'vonage' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'vonage' }.data.platform", equalTo("embedded"));
    }
}
