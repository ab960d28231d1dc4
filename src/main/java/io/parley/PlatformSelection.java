package io.parley;

import io.parley.embedded.EmbeddedVideoPlatform;
import io.parley.video.VideoPlatform;
import io.parley.vonage.VonageVideoPlatform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * The one place that decides which video platform carries the media, from {@code parley.platform} at start-up.
 *
 * <p>Both adapters are beans of their own class only ({@code @Typed}), so the rest of the application sees exactly
 * one {@link VideoPlatform}, and the adapter that is not chosen is never instantiated (its configuration is not even
 * checked). What belongs to one platform only (the embedded platform's signaling and media routes, Vonage's callback
 * route and health) asks {@link #is} rather than reading the setting itself.
 */
@ApplicationScoped
public class PlatformSelection {

    private final ParleyConfig.Platform active;

    public PlatformSelection(ParleyConfig config) {
        this.active = config.platform();
    }

    /** The platform chosen at start-up. */
    public ParleyConfig.Platform active() {
        return active;
    }

    public boolean is(ParleyConfig.Platform platform) {
        return active == platform;
    }

    @Produces
    @ApplicationScoped
    VideoPlatform videoPlatform(Instance<EmbeddedVideoPlatform> embedded, Instance<VonageVideoPlatform> vonage) {
        return switch (active) {
            case embedded -> embedded.get();
            case vonage -> vonage.get();
        };
    }
}
