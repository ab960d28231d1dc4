package io.parley.video;

/** The caller is authenticated but its role or session does not allow the request. */
public final class AccessDeniedException extends VideoPlatformException {
    public AccessDeniedException(String reason) {
        super(reason);
    }
}
