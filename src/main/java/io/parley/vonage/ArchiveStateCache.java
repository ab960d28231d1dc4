package io.parley.vonage;

import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveStatus;
import io.parley.vonage.ArchiveStateStore.KnownArchive;
import io.parley.vonage.ArchiveStateStore.Step;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The latest state Parley knows of each Vonage archive, from callbacks, from start/stop answers and from reads; and
 * the one place that notices a status change and announces it ({@link ArchiveChanged}), so that a change is
 * announced once whichever way it arrived, and in order (the store runs one step per archive at a time).
 *
 * <p>Vonage's REST reads can lag behind its callbacks, and an archive's status only moves forward, so a read is
 * corrected by a state that is further along ({@link #merge}) — but only for {@link #FRESH}: after that a read is
 * trusted again, so a state never sticks because of one odd callback. Media URLs are never kept: they work for
 * minutes only, and playback must use the one from a fresh read. The states are kept in the {@link ArchiveStateStore},
 * shared by every replica, which also records each announcement for the status callbacks.
 */
@ApplicationScoped
public class ArchiveStateCache {

    /** How long a known state may correct a read that lags behind it. */
    static final Duration FRESH = Duration.ofSeconds(30);

    private final Clock clock;
    private final ArchiveStateStore store;

    @Inject
    public ArchiveStateCache(ArchiveStateStore store) {
        this(Clock.systemUTC(), store);
    }

    ArchiveStateCache(Clock clock, ArchiveStateStore store) {
        this.clock = clock;
        this.store = store;
    }

    /**
     * A state Vonage reported as news (a callback, or the answer to a start or stop): kept and announced unless it
     * is behind what is known, or repeats it.
     */
    public Uni<Void> update(Archive archive) {
        return store.apply(archive.id(), found -> {
            Instant now = clock.instant();
            KnownArchive known = found.orElse(null);
            if (known != null && stage(archive.status()) < stage(known.archive().status())) {
                return new Step<Void>(null, null, null);
            }
            boolean changed = known == null || known.archive().status() != archive.status();
            return new Step<Void>(new KnownArchive(withoutUrl(archive), now),
                    changed ? new ArchiveChanged(archive, now) : null, null);
        });
    }

    /**
     * What Vonage answered, unless a fresh callback already reported a later stage of the archive's life. A read
     * that is further along than what is known is itself a change, and announced like one, if the archive was
     * known at all (an old archive listed for the first time is not news).
     */
    public Uni<Archive> merge(Archive read) {
        return store.apply(read.id(), found -> {
            Instant now = clock.instant();
            if (found.isEmpty()) {
                return new Step<>(new KnownArchive(withoutUrl(read), now), null, read);
            }
            KnownArchive known = found.get();
            Archive pushed = known.archive();
            boolean fresh = !known.seenAt().plus(FRESH).isBefore(now);
            int ahead = Integer.compare(stage(read.status()), stage(pushed.status()));
            if (ahead > 0 || (ahead == 0 && !fresh && read.status() != pushed.status())) {
                return new Step<>(new KnownArchive(withoutUrl(read), now), new ArchiveChanged(read, now), read);
            }
            if (ahead == 0 || !fresh) {
                return new Step<>(null, null, read);
            }
            // the read knows the request's details (output mode, resolution) and the media URL; the callback knows
            // the newer state
            return new Step<>(null, null, new Archive(read.id(), read.sessionId(), read.name(), pushed.status(),
                    read.outputMode(), read.hasAudio(), read.hasVideo(), read.resolution(), read.createdAt(),
                    Math.max(read.duration(), pushed.duration()), Math.max(read.size(), pushed.size()),
                    pushed.reason() != null ? pushed.reason() : read.reason(), read.url(), read.options()));
        });
    }

    private static Archive withoutUrl(Archive a) {
        return new Archive(a.id(), a.sessionId(), a.name(), a.status(), a.outputMode(), a.hasAudio(), a.hasVideo(),
                a.resolution(), a.createdAt(), a.duration(), a.size(), a.reason(), null, a.options());
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
