package io.parley.embedded;

import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.parley.embedded.media.router.MediaRouter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Start-up of the embedded platform, when it is the one chosen: the media router binds its port (so a port in use
 * fails start-up, not a call), then archives a crash left recording are finished from what was written. The media
 * router itself knows nothing of platforms or of Parley's configuration.
 */
@ApplicationScoped
public class EmbeddedStartup {

    void start(@Observes StartupEvent event, PlatformSelection selection, Instance<MediaRouter> router,
               Instance<EmbeddedVideoPlatform> platform) {
        if (selection.is(ParleyConfig.Platform.embedded)) {
            router.get().open();
            platform.get().recoverInterruptedArchives();
        }
    }
}
