package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.parley.testing.WebAppProfile;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app is built by Quinoa (npm, from web/) and served at /, with SPA routing for room addresses, while the API
 * keeps answering problem+json for paths it does not know.
 * Room addresses ({@code /r/{room}}) are served the app by {@link WebAppRoutes}. Only this test's profile builds the web app, so the other
 * tests do not pay for it.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class SpaServingTest {

    @Test
    void rootServesTheWebApp() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("data-parley-app"))
                .body(containsString("<script type=\"module\""));
    }

    @Test
    void roomAddressesAreServedByTheWebApp() {
        for (String path : new String[] {"/r/demo", "/r/Demo-2/"}) {
            given().when().get(path)
                    .then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .body(containsString("data-parley-app"));
        }
    }

    @Test
    void theAppsScriptsAreServed() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        assertTrue(script.find(), "index.html names no script: " + html);
        given().when().get(script.group(1))
                .then().statusCode(200)
                .contentType(containsString("javascript"));
    }

    @Test
    void theIconsThePageNamesAreServed() {
        // browsers ask for /favicon.ico on every page load whatever the page says; it used to be a 404 in every console
        byte[] ico = given().when().get("/favicon.ico")
                .then().statusCode(200)
                .contentType(containsString("icon"))
                .extract().asByteArray();
        assertTrue(ico.length > 22 && ico[0] == 0 && ico[1] == 0 && ico[2] == 1 && ico[3] == 0,
                "an ICO file starts with reserved 0 and type 1");
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        Matcher icons = Pattern.compile("<link rel=\"icon\" href=\"([^\"]+)\"").matcher(html);
        int named = 0;
        while (icons.find()) {
            named++;
            given().when().get(icons.group(1)).then().statusCode(200).contentType(containsString("image/"));
        }
        assertTrue(named >= 1, "index.html names no icon: " + html);
    }

    @Test
    void theShellIsRevalidatedAndOnlyHashedAssetsAreImmutable() {
        // after an upgrade, a browser must not keep yesterday's index.html (and with it yesterday's scripts) for a day
        for (String shell : new String[] {"/", "/r/demo", "/favicon.ico"}) {
            given().when().get(shell).then().statusCode(200)
                    .header("Cache-Control", org.hamcrest.Matchers.not(containsString("immutable")))
                    .header("X-Frame-Options", equalTo("DENY"));
        }
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        assertTrue(script.find(), "index.html names no script: " + html);
        given().when().get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", containsString("immutable"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void otherUnknownPathsStayProblems() {
        given().when().get("/no-such-page")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().when().get("/r/demo/extra")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownApiPathsStayProblems() {
        given().when().get("/api/v1/unknown")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }

    @Test
    void openApiIsNotShadowedByTheWebApp() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Parley API"));
    }
}
