package io.parley.video;

import io.smallrye.mutiny.Uni;

/**
 * Status reports a video platform pushes to Parley (archive started, stopped, available...). The API hands over the
 * raw request, because authenticating it (a signature over the exact body) and reading it are the platform's
 * business.
 */
public interface PlatformCallbacks {

    /** The platform that sends these callbacks, as {@link VideoPlatform#name()} says it. */
    String platform();

    /**
     * Authenticates and applies one archive status callback. Fails with {@link InvalidTokenException} when the
     * request is not signed by the platform, {@link InvalidRequestException} when the body is not a callback.
     */
    Uni<Void> archiveStatus(String authorization, String body);
}
