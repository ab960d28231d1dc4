package io.parley.embedded.archives.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.embedded.archives.ArchiveStorage;
import io.parley.embedded.archives.ArchivesConfig;
import io.parley.video.Archive;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps finished archives in an S3-compatible bucket. After composition the output is uploaded (the SDK retries
 * with backoff), checked by its size as the bucket reports it, and only then recorded as uploaded
 * ({@code uploaded.json} beside the archive's record) and removed locally; a crash at any point leaves either the
 * local file or a verified object, never neither. Playback is a presigned GET, which any node can make from the
 * archive's id alone.
 */
public final class S3ArchiveStorage implements ArchiveStorage, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3ArchiveStorage.class);
    static final String MARKER = "uploaded.json";

    /** What {@code uploaded.json} holds: where the output went and how large it was. */
    record Uploaded(String bucket, String key, long size) {
    }

    private final ArchivesConfig.S3 config;
    private final String bucket;
    private final S3Client client;
    private final S3Presigner presigner;
    private final ObjectMapper json = new ObjectMapper();

    public S3ArchiveStorage(ArchivesConfig.S3 config) {
        this.config = config;
        this.bucket = config.bucket().orElseThrow(() -> new IllegalStateException(
                "parley.archives.storage=s3 needs parley.archives.s3.bucket"));
        AwsCredentialsProvider credentials = credentials(config);
        Region region = Region.of(config.region());
        S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3)
                // checksums only where S3 requires them: S3-compatible servers often lack the newer ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(StandardRetryStrategy.builder()
                        .maxAttempts(Math.max(1, config.uploadAttempts()))
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(5)))
                        .build()));
        var presigning = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(s3);
        config.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            presigning.endpointOverride(endpoint);
        });
        this.client = builder.build();
        this.presigner = presigning.build();
    }

    private static AwsCredentialsProvider credentials(ArchivesConfig.S3 config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                    config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    String keyOf(Archive archive, Path output) {
        return config.prefix() + archive.id() + "/" + output.getFileName();
    }

    @Override
    public void keep(Archive archive, Path folder, Path output) throws StorageFailedException {
        String key = keyOf(archive, output);
        long size;
        try {
            size = Files.size(output);
            client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType(output)).contentLength(size),
                    RequestBody.fromFile(output));
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
            if (head.contentLength() == null || head.contentLength() != size) {
                throw new StorageFailedException("the bucket holds " + head.contentLength() + " bytes of "
                        + key + ", not the " + size + " uploaded", null);
            }
            json.writeValue(folder.resolve(MARKER).toFile(), new Uploaded(bucket, key, size));
        } catch (SdkException e) {
            throw new StorageFailedException("upload of " + key + " to bucket " + bucket + " failed: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageFailedException("cannot upload " + output.getFileName() + ": " + e.getMessage(), e);
        }
        LOG.infof("Archive %s uploaded to s3://%s/%s (%d bytes)", archive.id(), bucket, key, size);
        if (!config.keepLocal()) {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                LOG.warnf("Archive %s is uploaded but %s could not be removed: %s", archive.id(), output,
                        e.getMessage());
            }
        }
    }

    @Override
    public boolean pending(Path folder) {
        return !Files.exists(folder.resolve(MARKER));
    }

    @Override
    public Optional<String> playbackUrl(Archive archive, Path folder) {
        return uploaded(folder).map(u -> presigner.presignGetObject(p -> p
                .signatureDuration(config.playbackUrlTtl())
                .getObjectRequest(g -> g.bucket(u.bucket()).key(u.key()))).url().toString());
    }

    @Override
    public void delete(Archive archive, Path folder) throws StorageFailedException {
        Optional<Uploaded> uploaded = uploaded(folder);
        if (uploaded.isEmpty()) {
            return;
        }
        try {
            client.deleteObject(b -> b.bucket(uploaded.get().bucket()).key(uploaded.get().key()));
        } catch (SdkException e) {
            throw new StorageFailedException("cannot delete " + uploaded.get().key() + " from bucket "
                    + uploaded.get().bucket() + ": " + e.getMessage(), e);
        }
    }

    private Optional<Uploaded> uploaded(Path folder) {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(marker.toFile(), Uploaded.class));
        } catch (IOException e) {
            LOG.warnf("Cannot read %s: %s", marker, e.getMessage());
            return Optional.empty();
        }
    }

    private static String contentType(Path output) {
        return output.getFileName().toString().endsWith(".zip") ? "application/zip" : "video/mp4";
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
    }
}
