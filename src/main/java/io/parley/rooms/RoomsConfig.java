package io.parley.rooms;

import io.parley.video.MediaMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How rooms created on first join are set up. */
@ConfigMapping(prefix = "parley.rooms")
public interface RoomsConfig {

    /**
     * The media mode of a room created by its first join. Routed by default: it is what archiving needs and what
     * scales past two or three participants; relayed rooms suit one-to-one calls.
     */
    @WithDefault("ROUTED")
    MediaMode mediaMode();
}
