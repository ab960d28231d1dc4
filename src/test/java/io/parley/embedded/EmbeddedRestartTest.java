package io.parley.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.rooms.RoomAdmission;
import io.parley.rooms.FileRoomStore;
import io.parley.rooms.RoomDirectory;
import io.parley.rooms.DisplayName;
import io.parley.rooms.RoomName;
import io.parley.embedded.sessions.FileSessionStore;
import io.parley.storage.FileKeyMaterial;
import io.parley.storage.JsonStore;
import io.parley.testing.TestConfigs;
import io.parley.video.ArchiveMode;
import io.parley.video.IssuedToken;
import io.parley.video.MediaMode;
import io.parley.video.Role;
import io.parley.video.Session;
import io.parley.video.SessionSpec;
import io.parley.video.TokenClaims;
import io.parley.video.TokenSpec;
import io.parley.embedded.signaling.IceConfig;
import io.parley.embedded.signaling.SessionHub;
import io.parley.nodes.Placement;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a restart must not lose: sessions, the token signing key, and rooms with their moderator keys. */
class EmbeddedRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Vertx VERTX;

    @BeforeAll
    static void startVertx() {
        VERTX = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        VERTX.close().toCompletionStage().toCompletableFuture().join();
    }

    @TempDir
    Path dataDir;

    /** One "process": the beans the embedded platform is made of, built over a data directory. */
    private record Instance(EmbeddedVideoPlatform platform, RoomAdmission admission) {
        static Instance over(Path dataDir) {
            ObjectMapper mapper = TestConfigs.mapper();
            JsonStore store = TestConfigs.store(dataDir);
            EmbeddedVideoPlatform platform = new EmbeddedVideoPlatform(store, new FileSessionStore(store),
                    new FileKeyMaterial(dataDir), new SessionHub(new IceConfig() {
                @Override
                public Optional<List<IceServer>> servers() {
                    return Optional.empty();
                }

                @Override
                public boolean loopbackOnly() {
                    return true;
                }
            }, TestConfigs.signaling(), VERTX, Absent.ROUTER), Absent.RECORDER, Absent.BROADCASTER, TestConfigs.archives(),
                    Placement.alone(TestConfigs.node(null, null), VERTX), archive -> { },
                    broadcast -> { });
            return new Instance(platform, new RoomAdmission(new RoomDirectory(platform, new FileRoomStore(store)), platform, mapper,
                    () -> MediaMode.ROUTED));
        }
    }

    @Test
    void tokensSessionsAndRoomsSurviveARestart() {
        Instance before = Instance.over(dataDir);
        Session session = before.platform().createSession(new SessionSpec(MediaMode.RELAYED, ArchiveMode.MANUAL))
                .await().atMost(WAIT);
        IssuedToken token = before.platform().issueToken(session.id(), new TokenSpec(Role.SUBSCRIBER, null, null))
                .await().atMost(WAIT);
        RoomAdmission.Admission creator = before.admission().join(RoomName.parse("standup"), DisplayName.parse("Ada"), null)
                .await().atMost(WAIT);

        Instance after = Instance.over(dataDir);

        TokenClaims claims = after.platform().verifyToken(token.token()).await().atMost(WAIT);
        assertThat(claims.sessionId()).isEqualTo(session.id());
        assertThat(claims.role()).isEqualTo(Role.SUBSCRIBER);
        assertThat(after.platform().getSession(session.id()).await().atMost(WAIT).mediaMode())
                .isEqualTo(MediaMode.RELAYED);

        RoomAdmission.Admission joiner = after.admission().join(RoomName.parse("standup"), DisplayName.parse("Grace"), null)
                .await().atMost(WAIT);
        assertThat(joiner.room().sessionId()).isEqualTo(creator.room().sessionId());
        assertThat(joiner.token().role()).isEqualTo(Role.PUBLISHER);
        assertThat(joiner.moderatorKey()).isNull();

        RoomAdmission.Admission host = after.admission().join(RoomName.parse("standup"), DisplayName.parse("Host"), creator.moderatorKey())
                .await().atMost(WAIT);
        assertThat(host.token().role()).isEqualTo(Role.MODERATOR);
    }
}
