package io.parley.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The test profile that builds and serves the web app (Quinoa). Only the tests that need the app use it, and they
 * share one application start, so the rest of the suite does not pay for the build.
 */
public class WebAppProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.quinoa", "true");
    }
}
