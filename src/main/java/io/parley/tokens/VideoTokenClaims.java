package io.parley.tokens;

import io.parley.video.TokenSpec;
import java.time.Duration;

/**
 * The format of a video token, in one place: the claim names of Vonage's video tokens, which both platforms' tokens
 * carry so that clients and tools read them alike, and the limits every verifier holds them to.
 */
public final class VideoTokenClaims {

    public static final String APPLICATION_ID = "application_id";
    public static final String SCOPE = "scope";
    public static final String SESSION_ID = "session_id";
    /** Lower case on the wire, as Vonage writes it: {@code subscriber}, {@code publisher}, {@code moderator}. */
    public static final String ROLE = "role";
    public static final String CONNECTION_DATA = "connection_data";
    public static final String ISSUED_AT = "iat";
    public static final String EXPIRES_AT = "exp";
    public static final String TOKEN_ID = "jti";

    /** The {@code scope} of every video token. */
    public static final String SESSION_CONNECT = "session.connect";

    /** The longest lifetime a token may have, as on Vonage; issuance refuses more and verification too. */
    public static final Duration MAX_LIFETIME = TokenSpec.MAX_TTL;
    /** How far ahead of this machine's clock another issuer's clock may be. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private VideoTokenClaims() {
    }
}
