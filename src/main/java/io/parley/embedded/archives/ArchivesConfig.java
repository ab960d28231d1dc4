package io.parley.embedded.archives;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Limits of the embedded platform's archives, mirroring Vonage's. */
@ConfigMapping(prefix = "parley.archives")
public interface ArchivesConfig {

    /** An archive stops by itself after this long, as on Vonage. */
    @WithDefault("4h")
    Duration maxDuration();

    /** An archive stops by itself this long after the last client left its session. */
    @WithDefault("60s")
    Duration emptySessionTimeout();

    /** The size of composed output when an archive does not ask for one. */
    @WithDefault("640x480")
    String defaultResolution();

    /** Where finished archives are kept: {@code local} (the data directory) or {@code s3} (an S3-compatible bucket). */
    @WithDefault("local")
    Storage storage();

    /** The bucket, with {@code parley.archives.storage=s3}. */
    S3 s3();

    enum Storage {
        LOCAL, S3
    }

    interface S3 {
        /** An S3-compatible server's URL (MinIO, Ceph, s3proxy...); AWS's endpoint for the region when absent. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Required with {@code storage=s3}; the bucket must exist. */
        Optional<String> bucket();

        /** With the secret, static credentials; without, the AWS default chain (environment, web identity...). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** {@code http://host/bucket/key} rather than {@code http://bucket.host/key}, as most non-AWS servers want. */
        @WithDefault("false")
        boolean pathStyle();

        /** Objects are {@code <prefix><archive id>/archive.mp4} (or {@code .zip}). */
        @WithDefault("archives/")
        String prefix();

        /** Keep the local file after a verified upload (it is removed by default). */
        @WithDefault("false")
        boolean keepLocal();

        /** How long a playback URL stays valid, as local signed URLs do. */
        @WithDefault("10m")
        Duration playbackUrlTtl();

        /** Attempts per upload request, retries with backoff included. */
        @WithDefault("4")
        int uploadAttempts();

        /** How often archives whose upload failed (they play from their node meanwhile) are uploaded again. */
        @WithDefault("1m")
        Duration retryInterval();
    }
}
