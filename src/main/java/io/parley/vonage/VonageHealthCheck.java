package io.parley.vonage;

import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Vonage's credentials are loaded. On another platform Vonage is not needed, so the check is up and says
 * it does not apply, rather than missing (a dashboard then shows the same checks on every deployment).
 */
@Readiness
@ApplicationScoped
public class VonageHealthCheck implements HealthCheck {

    private final PlatformSelection platform;
    private final Instance<VonageVideoPlatform> vonage;

    public VonageHealthCheck(PlatformSelection platform, Instance<VonageVideoPlatform> vonage) {
        this.platform = platform;
        this.vonage = vonage;
    }

    @Override
    public HealthCheckResponse call() {
        if (!platform.is(ParleyConfig.Platform.vonage)) {
            return HealthCheckResponse.named("vonage").up()
                    .withData("platform", platform.active().name())
                    .withData("applicable", false).build();
        }
        try {
            String applicationId = vonage.get().applicationId();
            return HealthCheckResponse.named("vonage").up()
                    .withData("platform", "vonage").withData("applicationId", applicationId).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("vonage").down()
                    .withData("platform", "vonage").withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
