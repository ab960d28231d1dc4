package io.parley.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parley.ParleyConfig;
import io.parley.embedded.archives.ArchivesConfig;
import io.parley.embedded.signaling.SignalingConfig;
import io.parley.nodes.NodeConfig;
import io.parley.storage.JsonStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration and storage for tests that build Parley's classes by hand instead of through Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** The ObjectMapper Quarkus configures: java.time support, dates as ISO strings. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static JsonStore store(Path dataDir) {
        return new JsonStore(mapper(), new ParleyConfig() {
            @Override
            public Platform platform() {
                return Platform.embedded;
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public Store store() {
                return Store.files;
            }
        });
    }

    /** The defaults of application.properties.example. */
    public static ArchivesConfig archives() {
        return new ArchivesConfig() {
            @Override
            public Duration maxDuration() {
                return Duration.ofHours(4);
            }

            @Override
            public Duration emptySessionTimeout() {
                return Duration.ofSeconds(60);
            }

            @Override
            public String defaultResolution() {
                return "640x480";
            }

            @Override
            public Storage storage() {
                return Storage.LOCAL;
            }

            @Override
            public S3 s3() {
                throw new UnsupportedOperationException("archives are kept locally here");
            }
        };
    }

    /** The defaults of application.properties.example. */
    public static SignalingConfig signaling() {
        return new SignalingConfig() {
            @Override
            public Duration authTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration livenessTimeout() {
                return Duration.ofSeconds(8);
            }

            @Override
            public int maxConnectionsPerSession() {
                return 100;
            }

            @Override
            public int maxConnectionsPerToken() {
                return 4;
            }
        };
    }

    /** A node with the defaults of application.properties.example: heartbeat 2 s, lease 6 s, drain 30 s. */
    public static NodeConfig node(String id, String url) {
        return new NodeConfig() {
            @Override
            public Optional<String> id() {
                return Optional.ofNullable(id);
            }

            @Override
            public Optional<String> url() {
                return Optional.ofNullable(url);
            }

            @Override
            public Duration heartbeat() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration lease() {
                return Duration.ofSeconds(6);
            }

            @Override
            public Duration drainTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
