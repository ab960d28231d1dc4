package io.parley.api;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document the server publishes is committed as {@code web/openapi.json}, the source of the web app's
 * generated API client. This test fails when the two drift apart; with {@code -Dopenapi.write=true} it
 * rewrites the file instead. Both sides are compared in one canonical form: keys sorted, two-space indentation.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final String REGENERATE = "./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.write=true";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private static String served;
    private static JsonNode document;

    /** Fetched once, on first use: RestAssured knows the test port only once a test method runs. */
    @BeforeEach
    void fetch() throws IOException {
        if (served != null) {
            return;
        }
        String body = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();
        served = canonical(body);
        document = CANONICAL.readTree(served);
    }

    /** Sorted keys at every level, two-space indentation, one trailing newline: stable across runs and machines. */
    static String canonical(String json) throws IOException {
        Object tree = CANONICAL.readValue(json, Object.class);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return CANONICAL.writer(printer).writeValueAsString(tree) + "\n";
    }

    private static Path committedFile() {
        // surefire sets basedir to the project directory
        return Path.of(System.getProperty("basedir", "."), "web", "openapi.json");
    }

    @Test
    void committedDocumentMatchesTheServedOne() throws IOException {
        Path file = committedFile();
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, served, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), file + " is missing; generate it with: " + REGENERATE);
        String committed = canonical(Files.readString(file, StandardCharsets.UTF_8));
        if (!committed.equals(served)) {
            fail(file + " is not the OpenAPI document the server publishes. If the API change is intended, "
                    + "regenerate the file (and commit it) with: " + REGENERATE + "\n" + firstDifference(committed, served));
        }
    }

    /** Where the two canonical documents first differ, with two lines of context, rather than both documents whole. */
    static String firstDifference(String committed, String served) {
        List<String> left = committed.lines().toList();
        List<String> right = served.lines().toList();
        int line = 0;
        while (line < left.size() && line < right.size() && left.get(line).equals(right.get(line))) {
            line++;
        }
        int from = Math.max(0, line - 2);
        return "first difference at line " + (line + 1) + ":\n--- committed\n"
                + String.join("\n", left.subList(from, Math.min(left.size(), line + 3)))
                + "\n+++ served\n"
                + String.join("\n", right.subList(from, Math.min(right.size(), line + 3)));
    }

    @Test
    void documentDoesNotDependOnWhereTheServerRuns() {
        assertFalse(document.has("servers"), "server URLs carry the test's random port: " + document.get("servers"));
        assertEquals("v1", document.at("/info/version").asText());
        assertFalse(document.at("/info/description").asText().isBlank(), "info.description");
    }

    @Test
    void everyOperationHasASummary() {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, operation) -> {
            if (operation.path("summary").asText().isBlank()) {
                missing.add(name);
            }
        });
        assertTrue(missing.isEmpty(), "operations without a summary: " + missing);
    }

    @Test
    void everyOperationDocumentsItsClientErrorsAsProblems() {
        List<String> failures = new ArrayList<>();
        operations().forEach((name, operation) -> {
            JsonNode responses = operation.path("responses");
            List<String> clientErrors = new ArrayList<>();
            responses.fieldNames().forEachRemaining(code -> {
                if (code.startsWith("4")) {
                    clientErrors.add(code);
                }
            });
            if (clientErrors.isEmpty()) {
                failures.add(name + " documents no 4xx response");
            }
            if (name.contains("{") && !clientErrors.contains("400") && !clientErrors.contains("404")) {
                failures.add(name + " takes a path parameter but documents neither 400 nor 404");
            }
            if (operation.has("security") && !clientErrors.contains("401")) {
                failures.add(name + " needs a credential but does not document 401");
            }
            for (String code : clientErrors) {
                JsonNode response = resolve(responses.get(code));
                if (!response.path("content").has("application/problem+json")) {
                    failures.add(name + " " + code + " is not documented as application/problem+json");
                }
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** "POST /api/v1/rooms/{name}/join" -> its operation object. */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(entry -> {
                if (METHODS.contains(entry.getKey())) {
                    operations.put(entry.getKey().toUpperCase() + " " + path.getKey(), entry.getValue());
                }
            });
        }
        assertFalse(operations.isEmpty(), "the document has no operations");
        return operations;
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText();
        if (ref.startsWith("#/")) {
            return document.at(ref.substring(1));
        }
        return node;
    }
}
