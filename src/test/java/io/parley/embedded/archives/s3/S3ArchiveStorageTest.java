package io.parley.embedded.archives.s3;

import io.parley.embedded.archives.ArchiveStorage;
import io.parley.testing.S3ProxyServer;
import io.parley.video.Archive;
import io.parley.video.ArchiveStatus;
import io.parley.video.OutputMode;
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
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Archives kept in a real S3-compatible server (s3proxy on 127.0.0.1), through the real AWS SDK. */
class S3ArchiveStorageTest {

    static final String BUCKET = "parley-archives";
    static S3ProxyServer s3;

    @TempDir
    Path folder;

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

    static Archive archive() {
        return new Archive(UUID.randomUUID().toString(), "session", "standup", ArchiveStatus.STOPPED,
                OutputMode.COMPOSED, true, true, "640x480", Instant.now(), 3, 0, null, null);
    }

    private Path output(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(folder.resolve("archive.mp4"), bytes);
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aKeptArchiveIsUploadedVerifiedRemovedLocallyAndPlaysFromAPresignedUrl() throws Exception {
        Archive archive = archive();
        Path output = output(3_000_000);
        byte[] expected = Files.readAllBytes(output);
        try (S3ArchiveStorage storage = new S3ArchiveStorage(s3.settings(BUCKET))) {
            assertThat(storage.playbackUrl(archive, folder)).as("nothing uploaded yet").isEmpty();

            storage.keep(archive, folder, output);

            assertThat(output).doesNotExist();
            assertThat(folder.resolve(S3ArchiveStorage.MARKER)).isRegularFile();
            try (var client = s3.client()) {
                assertThat(client.headObject(b -> b.bucket(BUCKET).key("archives/" + archive.id() + "/archive.mp4"))
                        .contentLength()).isEqualTo(expected.length);
            }
            String url = storage.playbackUrl(archive, folder).orElseThrow();
            assertThat(url).contains("X-Amz-Signature").doesNotContain(S3ProxyServer.SECRET_KEY);
            HttpResponse<byte[]> played = get(url);
            assertThat(played.statusCode()).isEqualTo(200);
            assertThat(played.body()).isEqualTo(expected);

            storage.delete(archive, folder);
            assertThat(get(url).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void keepLocalLeavesTheFileBeside() throws Exception {
        Path output = output(1000);
        try (S3ArchiveStorage storage = new S3ArchiveStorage(s3.settings(BUCKET).keepingLocal())) {
            storage.keep(archive(), folder, output);
        }
        assertThat(output).isRegularFile();
    }

    @Test
    void aFailedUploadSaysWhyWithoutTheSecretAndKeepsTheLocalFile() throws Exception {
        Path output = output(1000);
        try (S3ArchiveStorage missing = new S3ArchiveStorage(s3.settings("no-such-bucket"));
             S3ArchiveStorage forged = new S3ArchiveStorage(s3.settings(BUCKET).withSecret("not-the-secret-key"))) {
            assertThatThrownBy(() -> missing.keep(archive(), folder, output))
                    .isInstanceOf(ArchiveStorage.StorageFailedException.class)
                    .hasMessageContaining("no-such-bucket");
            assertThatThrownBy(() -> forged.keep(archive(), folder, output))
                    .isInstanceOf(ArchiveStorage.StorageFailedException.class)
                    .hasMessageNotContaining("not-the-secret-key");
        }
        assertThat(output).isRegularFile();
        assertThat(folder.resolve(S3ArchiveStorage.MARKER)).doesNotExist();
    }
}
