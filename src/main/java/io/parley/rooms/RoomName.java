package io.parley.rooms;

import io.parley.video.InvalidRequestException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A room's human-friendly name: lower-case letters, digits and hyphens, 1 to 63 characters, starting with a letter or digit. */
public record RoomName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** What a client may send: the same, in either case of ASCII only. */
    private static final Pattern VALID_ANY_CASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    public RoomName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw invalid();
        }
    }

    /**
     * Room names are case-insensitive: {@code Standup} and {@code standup} are one room. The raw name is matched
     * before it is folded, because {@link String#toLowerCase} maps some non-ASCII letters to ASCII ones (the Kelvin
     * sign U+212A becomes {@code k}), which would let {@code \u212Aey} join the room {@code key}.
     */
    public static RoomName parse(String raw) {
        if (raw == null || !VALID_ANY_CASE.matcher(raw).matches()) {
            throw invalid();
        }
        return new RoomName(raw.toLowerCase(Locale.ROOT));
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("name",
                "a room name is 1 to 63 letters, digits or hyphens, starting with a letter or digit");
    }

    @Override
    public String toString() {
        return value;
    }
}
