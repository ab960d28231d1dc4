package io.parley.embedded;

import io.parley.ParleyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/** At start-up on the embedded platform, archives a crash left recording are finished from what was written. */
@ApplicationScoped
public class ArchiveRecoveryAtStartup {

    void recover(@Observes StartupEvent event, ParleyConfig config, Instance<EmbeddedVideoPlatform> platform) {
        if (config.platform() == ParleyConfig.Platform.embedded) {
            platform.get().recoverInterruptedArchives();
        }
    }
}
