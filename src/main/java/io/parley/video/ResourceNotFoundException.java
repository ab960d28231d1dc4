package io.parley.video;

/** A session, archive, connection or stream that does not exist (or not for this caller). */
public final class ResourceNotFoundException extends VideoPlatformException {
    private final String resource;

    public ResourceNotFoundException(String resource, String id) {
        super("No " + resource + " with id " + id);
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
