package io.parley.video;

/** What the holder of a token may do in its session. Each role includes the rights of the one before it. */
public enum Role {
    SUBSCRIBER,
    PUBLISHER,
    MODERATOR;

    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }
}
