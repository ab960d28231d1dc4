package io.parley.embedded;

import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.parley.embedded.media.router.MediaRouter;
import io.parley.nodes.Placement;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Start-up of the embedded platform, when it is the one chosen: the media router binds its port (so a port in use
 * fails start-up, not a call), then archives a crash left recording are finished from what was written. The media
 * router itself knows nothing of platforms or of Parley's configuration. Last, the node joins the map of media nodes.
 */
@ApplicationScoped
public class EmbeddedStartup {

    void start(@Observes StartupEvent event, PlatformSelection selection, Instance<MediaRouter> router,
               Instance<EmbeddedVideoPlatform> platform, Placement placement) {
        if (selection.is(ParleyConfig.Platform.embedded)) {
            router.get().open();
            platform.get().recoverInterruptedArchives();
            placement.start();
        }
    }

    /**
     * SIGTERM, while the HTTP server still answers (Quarkus's pre-shutdown, before its shutdown delay): this node
     * takes no new sessions, and its live ones move to other nodes (see {@link Placement#drain()}).
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event, PlatformSelection selection, Placement placement) {
        if (selection.is(ParleyConfig.Platform.embedded)) {
            placement.drain();
        }
    }
}
