package io.parley.video;

import java.time.Instant;

/**
 * A status change that Parley reports to the outside (status callbacks): an archive's or a live broadcast's. Each is
 * a CDI event, fired once per change, in order, for a given archive or broadcast.
 */
public sealed interface StatusChange permits ArchiveChanged, BroadcastChanged {

    /** The id of the archive or broadcast that changed: changes of one are delivered in order. */
    String subjectId();

    Instant changedAt();
}
