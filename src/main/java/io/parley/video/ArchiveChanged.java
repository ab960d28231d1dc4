package io.parley.video;

/** A CDI event: an archive's status or metadata changed (fired by both platforms; status callbacks listen). */
public record ArchiveChanged(Archive archive) {
}
