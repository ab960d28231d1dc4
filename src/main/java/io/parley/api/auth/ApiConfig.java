package io.parley.api.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the REST API. */
@ConfigMapping(prefix = "parley.api")
public interface ApiConfig {

    /**
     * The server key that back ends present as {@code Authorization: Bearer <key>}. When unset, Parley generates one
     * on first start and keeps it in {@code <data-dir>/server-key}.
     */
    Optional<String> serverKey();

    /** How many room joins one client address may make per minute; joins are the one route open to anyone. */
    @WithDefault("30")
    int joinsPerMinute();

    /**
     * Whether {@code /q/metrics} answers anyone. Off, it needs the server key: the counters tell how busy a
     * deployment is. Turn it on where only the operator's network reaches the port.
     */
    @WithDefault("false")
    boolean publicMetrics();
}
