package io.parley.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ready only while the data directory takes writes: rooms, sessions and archives cannot be saved otherwise. */
@Readiness
@ApplicationScoped
public class DataDirectoryHealthCheck implements HealthCheck {

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
            return HealthCheckResponse.named("data-directory").up().withData("path", dir.toString()).build();
        } catch (IOException | RuntimeException e) {
            return HealthCheckResponse.named("data-directory").down()
                    .withData("path", dir.toString()).withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
