package io.parley.rooms;

import io.parley.video.InvalidRequestException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A room's human-friendly name: lower-case letters, digits and hyphens, 1 to 63 characters, starting with a letter or digit. */
public record RoomName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public RoomName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidRequestException("name",
                    "a room name is 1 to 63 letters, digits or hyphens, starting with a letter or digit");
        }
    }

    /** Room names are case-insensitive: {@code Standup} and {@code standup} are one room. */
    public static RoomName parse(String raw) {
        return new RoomName(raw == null ? null : raw.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
