package io.parley.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ready only while the data directory takes writes: rooms, sessions and archives cannot be saved otherwise. */
@Readiness
@ApplicationScoped
public class DataDirectoryHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DataDirectoryHealthCheck.class);

    private final JsonStore store;

    public DataDirectoryHealthCheck(JsonStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        Path dir = store.dataDir();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".ready", ".tmp");
            Files.delete(probe);
            return HealthCheckResponse.named("data-directory").up().withData("writable", true).build();
        } catch (IOException | RuntimeException e) {
            // health is served to anyone: say what failed, not where the data lives (the log has the path)
            LOG.warnf("The data directory %s is not writable: %s", dir, e.toString());
            return HealthCheckResponse.named("data-directory").down().withData("writable", false)
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
