package io.parley.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.claims;
import static io.parley.api.ApiFixtures.token;
import static io.parley.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RoomApiTest {

    private static String freshRoom() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response join(String room, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/rooms/{name}/join", room);
    }

    @Test
    void aRoomsStatusIsOpenToAnyoneAndSaysOnlyWhetherItIsRecorded() {
        String room = freshRoom();
        given().get("/api/v1/rooms/{name}/status", room).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/rooms/{name}/status", "not a room").then().statusCode(400);
        join(room, Map.of("displayName", "Ada")).then().statusCode(200);
        given().get("/api/v1/rooms/{name}/status", room.toUpperCase()).then().statusCode(200)
                .body("name", equalTo(room))
                .body("recording", equalTo(false))
                .body("sessionId", nullValue());
    }

    @Test
    void firstJoinerModeratesAndLaterJoinersPublish() throws Exception {
        String room = freshRoom();
        Response first = join(room, Map.of("displayName", "Ada"));
        first.then().statusCode(200)
                .body("platform", equalTo("embedded"))
                .body("applicationId", equalTo("parley"))
                .body("role", equalTo("MODERATOR"))
                .body("room", equalTo(room))
                .body("moderatorKey", notNullValue());
        String sessionId = first.path("sessionId");

        Response second = join(room, Map.of("displayName", "Grace"));
        second.then().statusCode(200)
                .body("role", equalTo("PUBLISHER"))
                .body("sessionId", equalTo(sessionId))
                .body("moderatorKey", nullValue());

        JsonNode claims = claims(second.path("token"));
        assertThat(claims.path("session_id").asText()).isEqualTo(sessionId);
        assertThat(claims.path("role").asText()).isEqualTo("publisher");
        assertThat(claims.path("connection_data").asText()).isEqualTo("{\"displayName\":\"Grace\"}");

        // the room's session is routed and manually archived
        asServer().get("/api/v1/sessions/{id}", sessionId).then().statusCode(200)
                .body("mediaMode", equalTo("ROUTED"))
                .body("archiveMode", equalTo("MANUAL"));
    }

    @Test
    void moderatorKeyMakesAModeratorAndAWrongKeyIsRefused() {
        String room = freshRoom();
        String key = join(room, Map.of("displayName", "Ada")).then().statusCode(200).extract().path("moderatorKey");

        join(room, Map.of("displayName", "Host", "moderatorKey", key)).then().statusCode(200)
                .body("role", equalTo("MODERATOR"))
                .body("moderatorKey", nullValue());

        join(room, Map.of("displayName", "Mallory", "moderatorKey", key + "x")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:forbidden"));
    }

    @Test
    void roomNamesAreCaseInsensitive() {
        String room = freshRoom();
        String sessionId = join(room.toUpperCase(), Map.of("displayName", "Ada")).then().statusCode(200)
                .body("room", equalTo(room)).extract().path("sessionId");
        join(room, Map.of("displayName", "Grace")).then().statusCode(200)
                .body("sessionId", equalTo(sessionId))
                .body("role", equalTo("PUBLISHER"));
    }

    @Test
    void badRoomNamesNameTheField() {
        for (String bad : List.of("-leading-hyphen", "under_score", "dot.ted", "a".repeat(64))) {
            join(bad, Map.of("displayName", "Ada")).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("name"));
        }
    }

    @Test
    void namesAreMatchedBeforeTheyAreFolded() {
        // U+212A KELVIN SIGN lower-cases to an ASCII k: "\u212Aey" must not join the room "key"
        String room = "k" + freshRoom();
        String sessionId = join(room, Map.of("displayName", "Ada")).then().statusCode(200).extract().path("sessionId");
        for (String lookalike : List.of("\u212A" + room.substring(1), "\u212A" + room.substring(1).toUpperCase(),
                "\u0130" + room)) {
            join(lookalike, Map.of("displayName", "Mallory")).then().statusCode(400)
                    .body("errors.field", hasItem("name"));
        }
        join(room.toUpperCase(), Map.of("displayName", "Grace")).then().statusCode(200)
                .body("sessionId", equalTo(sessionId));
    }

    @Test
    void displayNamesAreTextWithoutControlOrBidiCharacters() throws Exception {
        for (String spoof : List.of("Ada\u0000", "\u001b[2JAda", "Ada\u202Enordnil", "Ad\u200Ba", "Ada\u2028Grace",
                "\u2066Ada\u2069", "Ada\uD800")) {
            join(freshRoom(), Map.of("displayName", spoof)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("displayName"));
        }
        // any script and emoji, including sequences joined by U+200D
        for (String name : List.of("Zoë", "山田 花子", "Олена", "مريم", "\uD83D\uDC69\u200D\uD83D\uDCBB Ada")) {
            String token = join(freshRoom(), Map.of("displayName", "  " + name + " ")).then().statusCode(200)
                    .extract().path("token");
            assertThat(claims(token).path("connection_data").asText())
                    .isEqualTo("{\"displayName\":\"" + name + "\"}");
        }
    }

    @Test
    void displayNameIsRequiredAndBounded() {
        join(freshRoom(), Map.of("displayName", "   ")).then().statusCode(400)
                .body("errors.field", hasItem("displayName"));
        join(freshRoom(), Map.of("displayName", "x".repeat(65))).then().statusCode(400)
                .body("errors.field", hasItem("displayName"));
        join(freshRoom(), Map.of()).then().statusCode(400)
                .body("errors.field", hasItem("displayName"));
        given().contentType(ContentType.JSON).post("/api/v1/rooms/{name}/join", freshRoom()).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void simultaneousFirstJoinsCreateOneSession() throws Exception {
        String room = freshRoom();
        int joiners = 8;
        ExecutorService pool = Executors.newFixedThreadPool(joiners);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (int i = 0; i < joiners; i++) {
                String name = "p" + i;
                Callable<Map<String, Object>> call = () -> {
                    start.await();
                    return join(room, Map.of("displayName", name)).then().statusCode(200).extract().as(HashMap.class);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Map<String, Object>> joins = new ArrayList<>();
            for (Future<Map<String, Object>> result : results) {
                joins.add(result.get());
            }
            assertThat(joins).extracting(j -> j.get("sessionId")).containsOnly(joins.get(0).get("sessionId"));
            assertThat(joins).filteredOn(j -> "MODERATOR".equals(j.get("role"))).hasSize(1);
            assertThat(joins).filteredOn(j -> j.get("moderatorKey") != null).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serverCreatesARoomExplicitlyOnce() {
        String room = freshRoom();
        String key = asServer().body(Map.of("name", room, "mediaMode", "RELAYED")).post("/api/v1/rooms").then()
                .statusCode(201)
                .body("name", equalTo(room))
                .body("mediaMode", equalTo("RELAYED"))
                .body("archiveMode", equalTo("MANUAL"))
                .body("moderatorKey", notNullValue())
                .extract().path("moderatorKey");

        asServer().body(Map.of("name", room)).post("/api/v1/rooms").then().statusCode(409)
                .contentType("application/problem+json");

        // the room exists already, so nobody becomes moderator by being first to join
        join(room, Map.of("displayName", "Ada")).then().statusCode(200).body("role", equalTo("PUBLISHER"));
        join(room, Map.of("displayName", "Host", "moderatorKey", key)).then().statusCode(200)
                .body("role", equalTo("MODERATOR"));
    }

    @Test
    void explicitCreationNeedsTheServerKey() {
        given().contentType(ContentType.JSON).body(Map.of("name", freshRoom())).post("/api/v1/rooms").then()
                .statusCode(401).contentType("application/problem+json");
        String moderator = token(ApiFixtures.createSession("ROUTED"), "MODERATOR");
        withToken(moderator).body(Map.of("name", freshRoom())).post("/api/v1/rooms").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void explicitCreationValidatesItsBody() {
        asServer().body(Map.of("name", "Not Valid")).post("/api/v1/rooms").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        asServer().body(Map.of("name", freshRoom(), "archiveMode", "SOMETIMES")).post("/api/v1/rooms").then()
                .statusCode(400).body("errors.field", hasItem("archiveMode"));
        asServer().body(Map.of()).post("/api/v1/rooms").then().statusCode(400)
                .body("errors.field", hasItem("name"));
    }
}
