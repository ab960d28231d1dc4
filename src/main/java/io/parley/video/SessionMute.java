package io.parley.video;

import java.util.Set;

/**
 * Vonage's session mute: with {@code active}, every stream's audio is muted except {@code excludedStreamIds}, and so
 * is every stream published while the mute stays active; without it, the mute state ends (nobody is unmuted: people
 * unmute themselves).
 */
public record SessionMute(boolean active, Set<String> excludedStreamIds) {
    public SessionMute {
        excludedStreamIds = excludedStreamIds == null ? Set.of() : Set.copyOf(excludedStreamIds);
    }
}
