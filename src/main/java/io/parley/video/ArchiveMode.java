package io.parley.video;

/** Whether a session's archives start on request or by themselves. */
public enum ArchiveMode {
    /** Archives start when someone asks. */
    MANUAL,
    /** An archive starts when the first stream is published. */
    ALWAYS
}
