package io.parley.vonage;

import io.parley.video.Archive;
import io.parley.video.ArchiveStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest archive states Vonage pushed through its callbacks. Vonage's REST reads can lag behind its callbacks,
 * and an archive's status only moves forward, so a read is corrected by a callback that is further along
 * ({@link #merge}). Bounded: old archives fall out, and a read then simply reports what Vonage says.
 */
@ApplicationScoped
public class ArchiveStateCache {

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Archive> latest = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Archive> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public synchronized void update(Archive archive) {
        Archive known = latest.get(archive.id());
        if (known == null || stage(archive.status()) >= stage(known.status())) {
            latest.put(archive.id(), archive);
        }
    }

    /** What Vonage answered, unless a callback already reported a later stage of the archive's life. */
    public synchronized Archive merge(Archive read) {
        Archive pushed = latest.get(read.id());
        if (pushed == null || stage(pushed.status()) <= stage(read.status())) {
            return read;
        }
        // the read knows the request's details (output mode, resolution); the callback knows the newer state
        return new Archive(read.id(), read.sessionId(), read.name(), pushed.status(), read.outputMode(),
                read.hasAudio(), read.hasVideo(), read.resolution(), read.createdAt(),
                Math.max(read.duration(), pushed.duration()), Math.max(read.size(), pushed.size()),
                pushed.reason() != null ? pushed.reason() : read.reason(),
                pushed.url() != null ? pushed.url() : read.url());
    }

    /** Order of an archive's life: recording, then stopped, then a final outcome, then gone. */
    private static int stage(ArchiveStatus status) {
        return switch (status) {
            case STARTED, PAUSED -> 0;
            case STOPPED -> 1;
            case UPLOADED, AVAILABLE, FAILED -> 2;
            case EXPIRED, DELETED -> 3;
        };
    }
}
