package io.parley.video;

/** Shape of an archive's output. */
public enum OutputMode {
    /** One playable file for the whole session. */
    COMPOSED,
    /** One file per stream, zipped, with a manifest of offsets. */
    INDIVIDUAL
}
