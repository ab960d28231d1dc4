package io.parley.api.auth;

/** No usable {@code Authorization: Bearer} header: answered with 401. */
public class MissingCredentialsException extends RuntimeException {
    public MissingCredentialsException(String message) {
        super(message, null, false, false);
    }
}
