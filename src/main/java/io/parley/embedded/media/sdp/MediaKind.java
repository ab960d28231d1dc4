package io.parley.embedded.media.sdp;

import java.util.Optional;

/** The two kinds of m-section the router carries; anything else (a data channel, text) is rejected with port 0. */
public enum MediaKind {
    AUDIO, VIDEO;

    public String sdpName() {
        return this == AUDIO ? "audio" : "video";
    }

    static Optional<MediaKind> of(String sdpName) {
        return switch (sdpName) {
            case "audio" -> Optional.of(AUDIO);
            case "video" -> Optional.of(VIDEO);
            default -> Optional.empty();
        };
    }
}
