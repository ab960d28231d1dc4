package io.parley.vonage;

import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveStatus;
import io.parley.video.OutputMode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveStateCacheTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<ArchiveStatus> announced = new ArrayList<>();
    private final ArchiveStateCache cache = new ArchiveStateCache(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, new LocalArchiveStateStore((ArchiveChanged change) -> announced.add(change.archive().status())));

    private void update(Archive archive) {
        cache.update(archive).await().atMost(Duration.ofSeconds(5));
    }

    private Archive merge(Archive archive) {
        return cache.merge(archive).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aFreshCallbackCorrectsALaggingReadButNeverLendsItsUrl() {
        update(archive(ArchiveStatus.AVAILABLE, "https://media.example/from-callback"));
        Archive merged = merge(archive(ArchiveStatus.STOPPED, null));
        assertThat(merged.status()).isEqualTo(ArchiveStatus.AVAILABLE);
        assertThat(merged.url()).isNull();
        assertThat(merge(archive(ArchiveStatus.AVAILABLE, "https://media.example/fresh")).url())
                .isEqualTo("https://media.example/fresh");
    }

    @Test
    void aStaleCallbackGivesWayToTheRead() {
        update(archive(ArchiveStatus.AVAILABLE, null));
        now = now.plus(ArchiveStateCache.FRESH).plus(Duration.ofSeconds(1));
        assertThat(merge(archive(ArchiveStatus.STOPPED, null)).status()).isEqualTo(ArchiveStatus.STOPPED);
    }

    @Test
    void announcesEachChangeOnceWhicheverWayItArrives() {
        update(archive(ArchiveStatus.STARTED, null));      // start answered
        update(archive(ArchiveStatus.STARTED, null));      // Vonage's callback repeats it
        merge(archive(ArchiveStatus.STOPPED, null));       // a read sees the stop first
        update(archive(ArchiveStatus.STOPPED, null));      // the callback follows
        update(archive(ArchiveStatus.STARTED, null));      // a late, out-of-order callback
        update(archive(ArchiveStatus.AVAILABLE, null));
        merge(archive(ArchiveStatus.STOPPED, null));       // a lagging read
        assertThat(announced).containsExactly(ArchiveStatus.STARTED, ArchiveStatus.STOPPED, ArchiveStatus.AVAILABLE);
    }

    @Test
    void anArchiveFirstSeenInAReadIsNotNews() {
        merge(archive(ArchiveStatus.AVAILABLE, "https://media.example/a"));
        assertThat(announced).isEmpty();
        merge(archive(ArchiveStatus.EXPIRED, null));
        assertThat(announced).containsExactly(ArchiveStatus.EXPIRED);
    }

    private static Archive archive(ArchiveStatus status, String url) {
        return new Archive("5f1b0a2e-0000-4000-8000-000000000001", "session", "standup", status, OutputMode.COMPOSED,
                true, true, "1280x720", Instant.parse("2025-12-31T23:59:00Z"), 10, 100, null, url);
    }
}
