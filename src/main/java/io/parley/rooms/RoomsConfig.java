package io.parley.rooms;

import io.parley.video.MediaMode;
import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** How rooms created on first join are set up. */
@ConfigMapping(prefix = "parley.rooms")
public interface RoomsConfig {

    /**
     * The media mode of a room created by its first join. Unset, it is ROUTED where the platform routes media
     * (Vonage), and RELAYED on the embedded platform, whose media router is not part of this build: a room that
     * cannot carry media would be no use.
     */
    Optional<MediaMode> mediaMode();
}
