package io.parley.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keys as owner-only files in the data directory, where earlier versions kept them, so an upgrade keeps its keys.
 * One process owns the directory, so a plain check-then-write is race-free here.
 */
public final class FileKeyMaterial implements KeyMaterial {

    private static final Map<String, String> LEGACY_PATHS = Map.of(
            "server-key", "server-key",
            "token-signing-key", "keys/token-signing-key.pem",
            "media-url-key", "keys/media-url.key");

    private final Path dataDir;

    public FileKeyMaterial(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path fileOf(String name) {
        return dataDir.resolve(LEGACY_PATHS.getOrDefault(name, "keys/" + name));
    }

    @Override
    public synchronized Stored getOrCreate(String name, Supplier<byte[]> generate) {
        Path file = fileOf(name);
        try {
            if (Files.isRegularFile(file)) {
                return new Stored(Files.readAllBytes(file), false);
            }
            byte[] value = generate.get();
            AtomicFiles.writeSecret(file, value);
            return new Stored(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key " + file, e);
        }
    }
}
