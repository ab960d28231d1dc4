package io.parley.embedded.archives;

import io.parley.storage.JsonStore;
import io.parley.video.Archive;
import io.parley.video.ArchivePage;
import io.parley.video.ArchiveStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The embedded platform's archives. Each archive has its own folder {@code archives/{id}/} with its metadata in
 * {@code archive.json}; the recorder writes its media beside it. The files are the truth: the in-memory index is
 * rebuilt from them on start-up.
 */
public final class ArchiveCatalog {

    private static final String METADATA = "archive.json";

    private final JsonStore store;
    private final Path folder;
    private final Map<String, Archive> archives = new ConcurrentHashMap<>();

    public ArchiveCatalog(JsonStore store) {
        this.store = store;
        this.folder = store.folder("archives");
        loadAll();
    }

    private void loadAll() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            dirs.filter(Files::isDirectory)
                    .forEach(dir -> store.load(dir.resolve(METADATA), Archive.class)
                            .ifPresent(a -> archives.put(a.id(), a)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    public Optional<Archive> find(String archiveId) {
        return archiveId == null ? Optional.empty() : Optional.ofNullable(archives.get(archiveId));
    }

    public void save(Archive archive) {
        store.save(folder.resolve(archive.id()).resolve(METADATA), archive);
        archives.put(archive.id(), archive);
    }

    public Path folderOf(String archiveId) {
        return folder.resolve(archiveId);
    }

    public List<Archive> all() {
        return List.copyOf(archives.values());
    }

    public List<Archive> recording() {
        return archives.values().stream().filter(a -> a.status().isRecording()).toList();
    }

    public Optional<Archive> recordingIn(String sessionId) {
        return recordingsIn(sessionId).stream().findFirst();
    }

    /** Every archive recording the session now (several, each with its own multiArchiveTag). */
    public List<Archive> recordingsIn(String sessionId) {
        return archives.values().stream()
                .filter(a -> a.sessionId().equals(sessionId) && a.status().isRecording())
                .toList();
    }

    public ArchivePage list(String sessionId, int offset, int count) {
        List<Archive> matching = archives.values().stream()
                .filter(a -> sessionId == null || a.sessionId().equals(sessionId))
                // a deleted archive stays readable by id (its status says what happened) but lists show what exists
                .filter(a -> a.status() != ArchiveStatus.DELETED)
                .sorted(Comparator.comparing(Archive::createdAt).reversed().thenComparing(Archive::id))
                .toList();
        return new ArchivePage(matching.size(), matching.stream().skip(offset).limit(count).toList());
    }
}
