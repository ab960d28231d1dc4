package io.parley.video;

/**
 * The video platform refused a request Parley made (bad credentials, a request Parley should not have sent): not the
 * caller's fault, and retrying will not help.
 */
public final class UpstreamRejectedException extends VideoPlatformException {
    public UpstreamRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
