package io.parley.video;

/** The request is valid but the resource's state does not allow it (archive already running, relayed session...). */
public final class ConflictException extends VideoPlatformException {
    public ConflictException(String reason) {
        super(reason);
    }
}
