package io.parley;

import io.parley.embedded.EmbeddedVideoPlatform;
import io.parley.video.VideoPlatform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the video platform from {@code parley.platform} at start-up. Both adapters are beans of their own class
 * only ({@code @Typed}), so the rest of the application sees exactly one {@link VideoPlatform}, and the adapter that
 * is not chosen is never instantiated (its configuration is not even checked).
 */
@ApplicationScoped
public class VideoPlatformProducer {

    @Produces
    @ApplicationScoped
    VideoPlatform videoPlatform(ParleyConfig config, Instance<EmbeddedVideoPlatform> embedded) {
        return switch (config.platform()) {
            case embedded -> embedded.get();
            case vonage -> throw new IllegalStateException("parley.platform=vonage: the Vonage platform is not in this build");
        };
    }
}
