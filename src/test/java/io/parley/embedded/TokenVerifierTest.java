package io.parley.embedded;

import io.parley.video.InvalidTokenException;
import io.parley.video.IssuedToken;
import io.parley.video.Role;
import io.parley.video.TokenClaims;
import io.parley.video.TokenSpec;
import io.parley.tokens.VideoTokenVerifier;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

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
        SigningKeys keys = SigningKeys.loadOrCreate(dir);
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
        SigningKeys keys = SigningKeys.loadOrCreate(dir);
        IssuedToken token = issueAt(keys, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token()))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATamperedPayload() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir);
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
        SigningKeys ours = SigningKeys.loadOrCreate(dir.resolve("ours"));
        SigningKeys theirs = SigningKeys.loadOrCreate(dir.resolve("theirs"));
        IssuedToken token = issueAt(theirs, Instant.now(), Duration.ofHours(1));

        assertThatThrownBy(() -> new VideoTokenVerifier(ours.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token()))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnUnsignedToken() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir);
        String[] parts = issueAt(keys, Instant.now(), Duration.ofHours(1)).token().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(none + "." + parts[1] + "."))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnotherApplicationsToken() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir);
        IssuedToken token = new TokenIssuer(keys, "someone-else", Clock.systemUTC())
                .issue(SESSION, new TokenSpec(Role.MODERATOR, null, null));

        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify(token.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("another application");
    }

    @Test
    void refusesGarbageWithoutQuotingIt() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir);
        assertThatThrownBy(() -> new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, "parley").verify("secret-looking-garbage"))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageNotContaining("secret-looking-garbage");
    }
}
