package io.parley.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.video.Archive;
import io.parley.video.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/** The API's business counters, exported at /q/metrics. */
@ApplicationScoped
public class ApiMetrics {

    private final MeterRegistry registry;

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void sessionCreated() {
        registry.counter("parley.sessions.created").increment();
    }

    public void tokenIssued(Role role) {
        registry.counter("parley.tokens.issued", "role", role.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** Counts archive status changes made through the API, by the status reached. */
    public void archive(Archive archive) {
        registry.counter("parley.archives", "status", archive.status().name().toLowerCase(Locale.ROOT)).increment();
    }
}
