package io.parley.video;

import java.time.Instant;

/**
 * An archive's status changed. Platforms announce every change as a CDI event, so that whatever reports archive
 * states to the outside (status callbacks, metrics) works the same on every platform:
 *
 * <pre>{@code
 * @Inject Event<ArchiveChanged> changes;
 * ...
 * changes.fire(new ArchiveChanged(archive, Instant.now()));   // synchronous: observers only queue work
 * }</pre>
 *
 * Fire it once per status change, in the order the changes happened, for a given archive; observers rely on that
 * order and must never block the caller.
 */
public record ArchiveChanged(Archive archive, Instant changedAt) implements StatusChange {

    @Override
    public String subjectId() {
        return archive.id();
    }
}
