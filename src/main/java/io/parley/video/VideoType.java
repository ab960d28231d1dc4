package io.parley.video;

/** Source of a stream's video. */
public enum VideoType {
    CAMERA,
    SCREEN
}
