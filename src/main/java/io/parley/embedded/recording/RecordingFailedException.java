package io.parley.embedded.recording;

/**
 * A stream recording cannot go on (file not creatable, disk full, channel closed under it). Unchecked so the router's
 * recording thread can catch it in one place and mark the archive FAILED with {@link #getMessage()} as the reason.
 */
public final class RecordingFailedException extends RuntimeException {

    public RecordingFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
