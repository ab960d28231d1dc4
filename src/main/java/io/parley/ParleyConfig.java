package io.parley;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Settings that concern all of Parley: which platform carries the media, and where state lives. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** Which video platform carries the media. */
    @WithDefault("embedded")
    Platform platform();

    /** Where Parley keeps its state: keys, rooms, sessions, archives. Created on first start. */
    @WithDefault("./data")
    Path dataDir();

    /**
     * Where shared state lives: {@code files} under {@link #dataDir()} (one replica), or {@code postgres}, so that
     * several replicas act as one Parley (needs {@code quarkus.datasource.reactive.url} and credentials).
     */
    @WithDefault("files")
    Store store();

    enum Store {
        files,
        postgres
    }

    enum Platform {
        embedded,
        vonage
    }
}
