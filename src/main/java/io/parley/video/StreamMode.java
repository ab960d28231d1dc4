package io.parley.video;

/** Which streams an archive records: every stream ({@code AUTO}), or only those added to it ({@code MANUAL}). */
public enum StreamMode {
    AUTO, MANUAL
}
