package io.parley.embedded.archives;

import io.parley.embedded.archives.playback.SignedMediaUrls;
import io.parley.embedded.archives.s3.S3ArchiveStorage;
import io.parley.embedded.sessions.FileSessionStore;
import io.parley.embedded.sessions.SessionRegistry;
import io.parley.storage.FileKeyMaterial;
import io.parley.storage.JsonStore;
import io.parley.testing.MutableClock;
import io.parley.testing.S3ProxyServer;
import io.parley.testing.TestConfigs;
import io.parley.video.Archive;
import io.parley.video.ArchiveMode;
import io.parley.video.ArchiveSpec;
import io.parley.video.ArchiveStatus;
import io.parley.video.Connection;
import io.parley.video.MediaMode;
import io.parley.video.OutputMode;
import io.parley.video.Role;
import io.parley.video.SessionSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With archives in object storage, an archive becomes AVAILABLE only once its output is in the bucket, and then
 * plays from there; when the bucket refuses it, it plays from this node and says why. A real S3-compatible server.
 */
class ArchiveLifecycleStorageTest {

    private static final String BUCKET = "lifecycle-archives";
    private static final byte[] MEDIA = "not really an mp4, but bytes to find again".getBytes();
    static S3ProxyServer s3;

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final ArchiveLifecycleRulesTest.FakeActivity activity = new ArchiveLifecycleRulesTest.FakeActivity();

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Writes an output the way the real recorder leaves it, then reports it made. */
    static final class OutputWritingRecorder extends ArchiveLifecycleRulesTest.FakeRecorder {
        @Override
        public CompletableFuture<Outcome> stop(Archive archive, Path folder) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Files.write(folder.resolve("archive.mp4"), MEDIA);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new Outcome(ArchiveStatus.AVAILABLE, 15, MEDIA.length, null);
            });
        }
    }

    private record Recorded(ArchiveLifecycle archives, Archive archive) {
    }

    private Recorded recordAndStop(ArchiveStorage storage, List<Archive> changes) throws Exception {
        JsonStore store = TestConfigs.store(dataDir);
        SessionRegistry sessions = new SessionRegistry(new FileSessionStore(store), clock);
        ArchiveCatalog catalog = new ArchiveCatalog(store);
        Consumer<Archive> changed = changes::add;
        ArchiveLifecycle archives = new ArchiveLifecycle(catalog, sessions, activity, new OutputWritingRecorder(),
                storage, TestConfigs.archives(), new SignedMediaUrls(new FileKeyMaterial(dataDir), clock), clock,
                changed);
        String sessionId = sessions.create(new SessionSpec(MediaMode.ROUTED, ArchiveMode.MANUAL)).await()
                .indefinitely().id();
        activity.connections.add(new Connection("c1", null, Role.PUBLISHER, clock.instant()));
        Archive started = archives.start(sessions.find(sessionId).orElseThrow(),
                new ArchiveSpec("standup", OutputMode.COMPOSED, true, true, null));
        archives.stop(started.id(), "stopped on request");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Archive now = archives.find(started.id()).orElseThrow();
            if (now.status() == ArchiveStatus.AVAILABLE) {
                return new Recorded(archives, now);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not AVAILABLE: " + archives.find(started.id()));
    }

    @Test
    void anArchiveIsAvailableOnceItIsInTheBucketAndPlaysFromThere() throws Exception {
        List<Archive> changes = new ArrayList<>();
        try (S3ArchiveStorage storage = new S3ArchiveStorage(s3.settings(BUCKET))) {
            Recorded recorded = recordAndStop(storage, changes);
            Archive available = recorded.archive();

            assertThat(available.url()).startsWith(s3.endpoint() + "/" + BUCKET + "/archives/" + available.id());
            HttpResponse<byte[]> played = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(available.url())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(played.statusCode()).isEqualTo(200);
            assertThat(played.body()).isEqualTo(MEDIA);
            assertThat(dataDir.resolve("archives").resolve(available.id()).resolve("archive.mp4"))
                    .as("removed locally after a verified upload").doesNotExist();
            assertThat(changes).extracting(Archive::status)
                    .containsExactly(ArchiveStatus.STARTED, ArchiveStatus.STOPPED, ArchiveStatus.AVAILABLE);

            recorded.archives().delete(available.id());
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(available.url())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("the object is gone").isEqualTo(404);
        }
    }

    @Test
    void anUploadThatFailedIsRetriedUntilTheBucketTakesIt() throws Exception {
        String bucket = "late-bucket-" + System.nanoTime();
        List<Archive> changes = new ArrayList<>();
        try (S3ArchiveStorage storage = new S3ArchiveStorage(s3.settings(bucket))) {
            Recorded recorded = recordAndStop(storage, changes);
            Archive local = recorded.archive();
            assertThat(local.reason()).contains("kept on this node");
            Path output = dataDir.resolve("archives").resolve(local.id()).resolve("archive.mp4");
            assertThat(recorded.archives().retryPendingUploads()).as("the bucket is still missing").isZero();
            assertThat(output).isRegularFile();

            s3.createBucket(bucket);
            assertThat(recorded.archives().retryPendingUploads()).isEqualTo(1);
            Archive stored = recorded.archives().find(local.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(ArchiveStatus.AVAILABLE);
            assertThat(stored.reason()).isNull();
            assertThat(stored.url()).startsWith(s3.endpoint() + "/" + bucket + "/archives/" + stored.id());
            assertThat(output).as("removed locally after the verified upload").doesNotExist();
            HttpResponse<byte[]> played = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stored.url())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(played.body()).isEqualTo(MEDIA);
            assertThat(recorded.archives().retryPendingUploads()).as("nothing left to store").isZero();
            assertThat(changes.get(changes.size() - 1).reason()).isNull();
        }
    }

    @Test
    void whenTheBucketRefusesTheArchivePlaysFromThisNodeAndSaysWhy() throws Exception {
        try (S3ArchiveStorage storage = new S3ArchiveStorage(s3.settings("missing-bucket"))) {
            Archive available = recordAndStop(storage, new ArrayList<>()).archive();

            assertThat(available.reason()).contains("kept on this node").contains("missing-bucket");
            assertThat(available.url()).startsWith(SignedMediaUrls.PATH + available.id());
            assertThat(dataDir.resolve("archives").resolve(available.id()).resolve("archive.mp4")).isRegularFile();
        }
    }
}
