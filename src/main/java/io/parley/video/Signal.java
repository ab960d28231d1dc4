package io.parley.video;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signal the back end sends to clients, with Vonage's limits: a {@code type} of at most 128 letters, digits,
 * {@code -}, {@code _} or {@code ~}, and {@code data} of at most 8 kB (UTF-8).
 */
public record Signal(String type, String data) {

    public static final int MAX_TYPE = 128;
    public static final int MAX_DATA_BYTES = 8 * 1024;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_~-]{1," + MAX_TYPE + "}");

    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (!TYPE.matcher(type).matches()) {
            throw new InvalidRequestException("type", "must be 1 to " + MAX_TYPE
                    + " letters, digits, '-', '_' or '~'");
        }
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new InvalidRequestException("data", "must be at most " + MAX_DATA_BYTES + " bytes (UTF-8)");
        }
    }
}
