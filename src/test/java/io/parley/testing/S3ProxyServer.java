package io.parley.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: s3proxy (its runnable jar, copied to target/s3proxy by the build) in a JVM
 * of its own on 127.0.0.1, storing objects in a temporary folder, with SigV4 authentication. Stopped by
 * {@link #close()}, which also kills it should it hang.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "parley-test";
    public static final String SECRET_KEY = "parley-test-secret-key";
    public static final String REGION = "us-east-1";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");

    private final Process process;
    private final URI endpoint;
    private final Path data;

    private S3ProxyServer(Process process, URI endpoint, Path data) {
        this.process = process;
        this.endpoint = endpoint;
        this.data = data;
    }

    public static S3ProxyServer start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build copies it (mvn generate-test-resources)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("parley-s3");
        Path properties = data.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data.resolve("objects")));
        Files.createDirectories(data.resolve("objects"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(data.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port), data);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(data.resolve("s3proxy.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("s3proxy did not listen on " + port + " within 60 s");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this server, for a test to create buckets and look at objects. */
    public S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
                .endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Archive storage settings for a bucket of this server, as configuration would give them. */
    public Settings settings(String bucket) {
        return new Settings(endpoint, bucket, SECRET_KEY, false);
    }

    /** {@link io.parley.embedded.archives.ArchivesConfig.S3} with a test's bucket, secret and keep-local choice. */
    public record Settings(URI server, String bucketName, String secret, boolean keepLocal)
            implements io.parley.embedded.archives.ArchivesConfig.S3 {

        public Settings withSecret(String otherSecret) {
            return new Settings(server, bucketName, otherSecret, keepLocal);
        }

        public Settings keepingLocal() {
            return new Settings(server, bucketName, secret, true);
        }

        @Override
        public java.util.Optional<URI> endpoint() {
            return java.util.Optional.of(server);
        }

        @Override
        public String region() {
            return REGION;
        }

        @Override
        public java.util.Optional<String> bucket() {
            return java.util.Optional.of(bucketName);
        }

        @Override
        public java.util.Optional<String> accessKeyId() {
            return java.util.Optional.of(ACCESS_KEY);
        }

        @Override
        public java.util.Optional<String> secretAccessKey() {
            return java.util.Optional.of(secret);
        }

        @Override
        public boolean pathStyle() {
            return true;
        }

        @Override
        public String prefix() {
            return "archives/";
        }

        @Override
        public java.time.Duration playbackUrlTtl() {
            return java.time.Duration.ofMinutes(10);
        }

        @Override
        public int uploadAttempts() {
            return 2;
        }

        @Override
        public java.time.Duration retryInterval() {
            return java.time.Duration.ofMinutes(1);
        }
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
