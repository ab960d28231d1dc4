package io.parley.vonage;

import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Fails start-up when Vonage is the chosen platform but its credentials are missing or unusable. Without this the
 * adapter (a lazy bean) would only fail on the first request, long after a deployment looked healthy.
 */
@ApplicationScoped
class VonageStartupCheck {

    void check(@Observes StartupEvent event, PlatformSelection platform, VonageConfig vonage) {
        if (platform.is(ParleyConfig.Platform.vonage)) {
            VonageCredentials.load(vonage);
        }
    }
}
