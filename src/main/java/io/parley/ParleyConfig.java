package io.parley;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Settings that concern all of Parley: which platform carries the media, and where state lives on disk. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** Which video platform carries the media. */
    @WithDefault("embedded")
    Platform platform();

    /** Where Parley keeps its state: keys, rooms, sessions, archives. Created on first start. */
    @WithDefault("./data")
    Path dataDir();

    enum Platform {
        embedded,
        vonage
    }
}
