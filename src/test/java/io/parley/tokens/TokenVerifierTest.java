package io.parley.tokens;

import io.parley.storage.FileKeyMaterial;
import io.parley.video.InvalidTokenException;
import io.parley.video.IssuedToken;
import io.parley.video.Role;
import io.parley.video.TokenClaims;
import io.parley.video.TokenSpec;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {

    @TempDir
    Path dir;

    private static final String SESSION = "SessionAAAAAAAAAAAAAAAAAAAAAAAAA";

    private IssuedToken issueAt(SigningKeys keys, Instant now, Duration ttl) {
        return new TokenIssuer(keys, "parley", Clock.fixed(now, ZoneOffset.UTC))
                .issue(SESSION, new TokenSpec(Role.PUBLISHER, "{\"displayName\":\"Ada\"}", ttl));
    }

    @Test
    void acceptsItsOwnTokenAndReadsItsClaims() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedToken token = issueAt(keys, now, Duration.ofHours(1));

        TokenClaims claims = new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token());

        assertThat(claims.sessionId()).isEqualTo(SESSION);
        assertThat(claims.role()).isEqualTo(Role.PUBLISHER);
        assertThat(claims.connectionData()).isEqualTo("{\"displayName\":\"Ada\"}");
        assertThat(claims.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(token.expiresAt()).isEqualTo(claims.expiresAt());
    }

    @Test
    void refusesAnExpiredToken() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        IssuedToken token = issueAt(keys, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token()))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATamperedPayload() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        String[] parts = issueAt(keys, Instant.now(), Duration.ofHours(1)).token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"publisher\"", "\"moderator\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(forged))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        SigningKeys ours = SigningKeys.from(new FileKeyMaterial(dir.resolve("ours")));
        SigningKeys theirs = SigningKeys.from(new FileKeyMaterial(dir.resolve("theirs")));
        IssuedToken token = issueAt(theirs, Instant.now(), Duration.ofHours(1));

        assertThatThrownBy(() -> new VideoTokenVerifier(ours.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token()))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnUnsignedToken() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        String[] parts = issueAt(keys, Instant.now(), Duration.ofHours(1)).token().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(none + "." + parts[1] + "."))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnotherApplicationsToken() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        IssuedToken token = new TokenIssuer(keys, "someone-else", Clock.systemUTC())
                .issue(SESSION, new TokenSpec(Role.MODERATOR, null, null));

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("another application");
    }

    @Test
    void refusesGarbageWithoutQuotingIt() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify("secret-looking-garbage"))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageNotContaining("secret-looking-garbage");
    }

    /** A correctly signed token with whatever claims a test wants: what a holder of the key could make. */
    private static String signed(SigningKeys keys, Map<String, Object> claims) {
        return Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.ES256).keyId(keys.keyId()).sign(keys.privateKey());
    }

    private static Map<String, Object> validClaims(Instant issuedAt, Duration ttl) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("application_id", "parley");
        claims.put("scope", "session.connect");
        claims.put("session_id", SESSION);
        claims.put("role", "publisher");
        claims.put("jti", "abc");
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
        return claims;
    }

    static Stream<Arguments> claimsOfTheWrongType() {
        return Stream.of(
                Arguments.of("session_id", 42, "session_id"),
                Arguments.of("session_id", List.of("a", "b"), "session_id"),
                Arguments.of("role", 3, "role"),
                Arguments.of("role", List.of("moderator"), "role"),
                Arguments.of("role", Map.of("name", "moderator"), "role"),
                Arguments.of("connection_data", 7, "connection_data"),
                Arguments.of("scope", List.of("session.connect"), "scope"),
                Arguments.of("application_id", 1, "application_id"),
                // the JWT parser itself refuses a non-string jti
                Arguments.of("jti", 5, "The token"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("claimsOfTheWrongType")
    void refusesASignedTokenWhoseClaimHasTheWrongType(String claim, Object value, String named) {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        Map<String, Object> claims = validClaims(Instant.now(), Duration.ofHours(1));
        claims.put(claim, value);
        String token = signed(keys, claims);

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining(named);
    }

    @Test
    void acceptsAHandMadeTokenWithTheRightTypes() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        String token = signed(keys, validClaims(Instant.now(), Duration.ofHours(1)));

        assertThat(new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token).role())
                .isEqualTo(Role.PUBLISHER);
    }

    @Test
    void refusesATokenIssuedInTheFutureBeyondTheClockSkew() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        Instant now = Instant.now();
        VideoTokenVerifier verifier = new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley",
                Clock.fixed(now, ZoneOffset.UTC));

        String aYearAhead = signed(keys, validClaims(now.plus(Duration.ofDays(365)), Duration.ofHours(1)));
        assertThatThrownBy(() -> verifier.verify(aYearAhead)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("future");
        String slightlyAhead = signed(keys, validClaims(now.plusSeconds(30), Duration.ofHours(1)));
        assertThat(verifier.verify(slightlyAhead).sessionId()).as("within the skew").isEqualTo(SESSION);
    }

    @Test
    void refusesALifetimeLongerThanIssuanceAllows() {
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(dir));
        VideoTokenVerifier verifier = new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley");
        Instant now = Instant.now();

        Map<String, Object> year33658 = validClaims(now, Duration.ofHours(1));
        year33658.put("exp", 1_000_000_000_000L);
        assertThatThrownBy(() -> verifier.verify(signed(keys, year33658))).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("30 days");
        assertThatThrownBy(() -> verifier.verify(signed(keys, validClaims(now, Duration.ofDays(30).plusSeconds(1)))))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(verifier.verify(signed(keys, validClaims(now, Duration.ofDays(30)))).role()).isEqualTo(Role.PUBLISHER);
    }
}
