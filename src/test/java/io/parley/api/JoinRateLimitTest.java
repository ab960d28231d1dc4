package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestProfile(JoinRateLimitTest.TwoJoinsPerMinute.class)
class JoinRateLimitTest {

    public static class TwoJoinsPerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.api.joins-per-minute", "2");
        }
    }

    @Test
    void joinsPastTheLimitAreTooManyRequests() {
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("displayName", "Ada"))
                    .post("/api/v1/rooms/{name}/join", "limited").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body(Map.of("displayName", "Ada"))
                .post("/api/v1/rooms/{name}/join", "limited").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429));
    }
}
