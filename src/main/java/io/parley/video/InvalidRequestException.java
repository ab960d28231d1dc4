package io.parley.video;

/** A request value the platform refuses; {@code field} names it as the API's request body does. */
public final class InvalidRequestException extends VideoPlatformException {
    private final String field;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
