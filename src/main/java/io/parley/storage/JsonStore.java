package io.parley.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One JSON file per record under the data directory. A record that cannot be read is skipped with a warning rather
 * than stopping start-up: one damaged file must not take every room or session down with it.
 */
@ApplicationScoped
public class JsonStore {

    private static final Logger LOG = Logger.getLogger(JsonStore.class);

    private final ObjectMapper mapper;
    private final Path dataDir;

    public JsonStore(ObjectMapper mapper, ParleyConfig config) {
        this.mapper = mapper;
        this.dataDir = config.dataDir().toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path folder(String name) {
        return dataDir.resolve(name);
    }

    public <T> void save(Path file, T value) {
        try {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> Optional<T> load(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), type));
        } catch (IOException e) {
            LOG.warnf("Skipping unreadable record %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every readable record directly in {@code folder} ending with {@code .json}. */
    public <T> List<T> loadAll(Path folder, Class<T> type) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<T> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .forEach(f -> load(f, type).ifPresent(records::add));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return records;
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }
}
