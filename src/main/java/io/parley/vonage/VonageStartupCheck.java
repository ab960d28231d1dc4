package io.parley.vonage;

import io.parley.ParleyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Fails start-up when Vonage is the chosen platform but its credentials are missing or unusable. Without this the
 * adapter (a lazy bean) would only fail on the first request, long after a deployment looked healthy.
 */
@ApplicationScoped
class VonageStartupCheck {

    void check(@Observes StartupEvent event, ParleyConfig parley, VonageConfig vonage) {
        if (parley.platform() == ParleyConfig.Platform.vonage) {
            VonageCredentials.load(vonage);
        }
    }
}
