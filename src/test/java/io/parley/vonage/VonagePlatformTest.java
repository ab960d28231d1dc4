package io.parley.vonage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.parley.vonage.VonageFixtures.asServer;
import static org.hamcrest.Matchers.equalTo;

/** The capabilities document on the Vonage platform. */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonagePlatformTest {

    @Test
    void namesVonageAndWhatItsSdkOffers() {
        // the stub is shared with the other Vonage tests: count only what this request causes
        VonageStub.server.resetAll();
        asServer().get("/api/v1/platform").then().statusCode(200)
                .body("platform", equalTo("vonage"))
                .body("capabilities.find { it.name == 'FORCE_MUTE' }.supported", equalTo(true));
        VonageStub.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }
}
