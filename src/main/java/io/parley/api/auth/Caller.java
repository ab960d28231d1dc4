package io.parley.api.auth;

import io.parley.video.TokenClaims;

/** Who is calling: a back end holding the server key, or a participant holding a video token. */
public sealed interface Caller {

    /** Holds the server key: may do anything. */
    record Server() implements Caller {
    }

    /** Holds a video token of one session. */
    record Participant(TokenClaims claims) implements Caller {
    }
}
