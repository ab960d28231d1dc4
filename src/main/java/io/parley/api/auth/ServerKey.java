package io.parley.api.auth;

import io.parley.storage.AtomicFiles;
import io.parley.storage.JsonStore;
import io.parley.storage.SecretIds;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The server key. Configured, or generated on first start and kept in the data directory; the log says where to find
 * it, never what it is.
 */
// made at start-up, so that a first start says at once where its generated key is
@Startup
@ApplicationScoped
public class ServerKey {

    private static final Logger LOG = Logger.getLogger(ServerKey.class);
    static final int MIN_LENGTH = 16;

    private final byte[] key;

    public ServerKey(ApiConfig config, JsonStore store) {
        String value = config.serverKey().orElseGet(() -> loadOrGenerate(store.dataDir().resolve("server-key")));
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("parley.api.server-key must be at least " + MIN_LENGTH
                    + " characters long");
        }
        this.key = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison, so response times do not reveal how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String loadOrGenerate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String generated = SecretIds.random(32);
            AtomicFiles.writeSecret(file, generated.getBytes(StandardCharsets.UTF_8));
            LOG.infof("Generated a server API key: read it from %s (or set parley.api.server-key)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the server key from " + file, e);
        }
    }
}
