package io.parley.vonage;

import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest state Parley knows of each Vonage archive, from callbacks, from start/stop answers and from reads; and
 * the one place that notices a status change and announces it ({@link ArchiveChanged}), so that a change is
 * announced once whichever way it arrived, and in order (announcements are made under the lock).
 *
 * <p>Vonage's REST reads can lag behind its callbacks, and an archive's status only moves forward, so a read is
 * corrected by a state that is further along ({@link #merge}) — but only for {@link #FRESH}: after that a read is
 * trusted again, so a state never sticks because of one odd callback. Media URLs are never kept: they work for
 * minutes only, and playback must use the one from a fresh read. Bounded: old archives fall out, and a read then
 * simply reports what Vonage says.
 */
@ApplicationScoped
public class ArchiveStateCache {

    /** How long a known state may correct a read that lags behind it. */
    static final Duration FRESH = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private record Known(Archive archive, Instant seenAt) {
    }

    private final Map<String, Known> latest = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final Clock clock;
    private final Consumer<ArchiveChanged> announce;

    @Inject
    public ArchiveStateCache(Event<ArchiveChanged> changes) {
        this(Clock.systemUTC(), changes::fire);
    }

    ArchiveStateCache(Clock clock, Consumer<ArchiveChanged> announce) {
        this.clock = clock;
        this.announce = announce;
    }

    /**
     * A state Vonage reported as news (a callback, or the answer to a start or stop): kept and announced unless it
     * is behind what is known, or repeats it.
     */
    public synchronized void update(Archive archive) {
        Known known = latest.get(archive.id());
        if (known != null && stage(archive.status()) < stage(known.archive().status())) {
            return;
        }
        latest.put(archive.id(), new Known(withoutUrl(archive), clock.instant()));
        if (known == null || known.archive().status() != archive.status()) {
            announce.accept(new ArchiveChanged(archive, clock.instant()));
        }
    }

    /**
     * What Vonage answered, unless a fresh callback already reported a later stage of the archive's life. A read
     * that is further along than what is known is itself a change, and announced like one, if the archive was
     * known at all (an old archive listed for the first time is not news).
     */
    public synchronized Archive merge(Archive read) {
        Known known = latest.get(read.id());
        Instant now = clock.instant();
        if (known == null) {
            latest.put(read.id(), new Known(withoutUrl(read), now));
            return read;
        }
        Archive pushed = known.archive();
        boolean fresh = !known.seenAt().plus(FRESH).isBefore(now);
        int ahead = Integer.compare(stage(read.status()), stage(pushed.status()));
        if (ahead > 0 || (ahead == 0 && !fresh && read.status() != pushed.status())) {
            latest.put(read.id(), new Known(withoutUrl(read), now));
            announce.accept(new ArchiveChanged(read, now));
            return read;
        }
        if (ahead == 0 || !fresh) {
            return read;
        }
        // the read knows the request's details (output mode, resolution) and the media URL; the callback knows the
        // newer state
        return new Archive(read.id(), read.sessionId(), read.name(), pushed.status(), read.outputMode(),
                read.hasAudio(), read.hasVideo(), read.resolution(), read.createdAt(),
                Math.max(read.duration(), pushed.duration()), Math.max(read.size(), pushed.size()),
                pushed.reason() != null ? pushed.reason() : read.reason(), read.url(), read.options());
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
