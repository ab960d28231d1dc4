package io.parley.embedded.archives;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits of the embedded platform's archives, mirroring Vonage's. */
@ConfigMapping(prefix = "parley.archives")
public interface ArchivesConfig {

    /** An archive stops by itself after this long, as on Vonage. */
    @WithDefault("4h")
    Duration maxDuration();

    /** An archive stops by itself this long after the last client left its session. */
    @WithDefault("60s")
    Duration emptySessionTimeout();

    /** The size of composed output when an archive does not ask for one. */
    @WithDefault("640x480")
    String defaultResolution();
}
