package io.parley;

import io.parley.embedded.EmbeddedVideoPlatform;
import io.parley.video.VideoPlatform;
import io.parley.vonage.VonageVideoPlatform;
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
    VideoPlatform videoPlatform(ParleyConfig config, Instance<EmbeddedVideoPlatform> embedded,
                                Instance<VonageVideoPlatform> vonage) {
        return switch (config.platform()) {
            case embedded -> embedded.get();
            case vonage -> vonage.get();
        };
    }
}
