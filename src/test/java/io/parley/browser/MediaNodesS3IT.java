package io.parley.browser;

import io.parley.replicas.Replica;
import io.parley.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three media nodes keeping archives in an S3-compatible bucket (s3proxy on 127.0.0.1): an archive recorded on the
 * session's node, started and stopped through the others, plays back through any node from the bucket, by a
 * presigned URL, and its file is no longer on the node that made it.
 */
class MediaNodesS3IT {

    private static final String BUCKET = "media-nodes-archives";
    private static S3ProxyServer s3;
    private static MediaNodeCluster cluster;
    private static Chromium chromium;

    @BeforeAll
    static void startNodes() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        cluster = MediaNodeCluster.start("media_nodes_s3", Map.of(
                "PARLEY_ARCHIVES_STORAGE", "s3",
                "PARLEY_ARCHIVES_S3_ENDPOINT", s3.endpoint().toString(),
                "PARLEY_ARCHIVES_S3_BUCKET", BUCKET,
                "PARLEY_ARCHIVES_S3_REGION", S3ProxyServer.REGION,
                "PARLEY_ARCHIVES_S3_PATH_STYLE", "true",
                "PARLEY_ARCHIVES_S3_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "PARLEY_ARCHIVES_S3_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stopEverything() {
        if (chromium != null) {
            chromium.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void anArchiveRecordedOnOneNodePlaysFromTheBucketThroughAnother() throws Exception {
        try (Participant ada = Participant.joinRoom(chromium.browser(), cluster.node(0).base(), "s3-room", "Ada")) {
            ada.awaitPublishing(BrowserTest.MEDIA_STARTS);
            String sessionId = cluster.sessionOf("s3-room");
            Replica carrier = cluster.carrierOf(sessionId);
            List<Replica> others = cluster.nodes().stream().filter(r -> r != carrier).toList();

            String archiveId = cluster.record(sessionId, others.get(0), others.get(1), 4_000);
            cluster.awaitAvailable(others.get(1).base(), archiveId);

            URI media = MediaNodeCluster.playbackLocation(others.get(1).base(), archiveId);
            System.out.printf("Archive %s recorded on %s plays through %s from %s%n", archiveId, carrier.name(),
                    others.get(1).name(), media.getHost() + ":" + media.getPort() + media.getPath());
            assertThat(media.getPort()).as("the bucket's server, not a node").isEqualTo(s3.endpoint().getPort());
            assertThat(media.getPath()).startsWith("/" + BUCKET + "/archives/" + archiveId);
            assertThat(media.getQuery()).contains("X-Amz-Signature").doesNotContain(S3ProxyServer.SECRET_KEY);
            byte[] file = MediaNodeCluster.get(media);
            assertThat(file.length).isGreaterThan(10_000);
            assertThat(MediaNodeCluster.isMp4(file)).isTrue();
        }
    }
}
