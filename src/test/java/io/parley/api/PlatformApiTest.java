package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static io.parley.api.ApiFixtures.token;
import static io.parley.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/** The capabilities document on the embedded platform. */
@QuarkusTest
class PlatformApiTest {

    @Test
    void listsEveryCapabilityWithWhetherTheEmbeddedPlatformHasIt() {
        asServer().get("/api/v1/platform").then().statusCode(200)
                .body("platform", equalTo("embedded"))
                .body("capabilities.name.size()", equalTo(io.parley.video.Capability.values().length))
                .body("capabilities.description", everyItem(not(emptyOrNullString())))
                .body("capabilities.find { it.name == 'FORCE_MUTE' }.supported", equalTo(true))
                .body("capabilities.find { it.name == 'ARCHIVE_INDIVIDUAL' }.supported", equalTo(true));
    }

    @Test
    void anySessionTokenMayReadItButNobodyWithout() {
        withToken(token(createSession("RELAYED"), "SUBSCRIBER")).get("/api/v1/platform").then().statusCode(200)
                .body("platform", equalTo("embedded"));
        given().get("/api/v1/platform").then().statusCode(401).contentType("application/problem+json");
    }
}
