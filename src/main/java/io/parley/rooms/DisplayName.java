package io.parley.rooms;

import io.parley.video.InvalidRequestException;

import java.util.regex.Pattern;

/**
 * The name a participant shows the others. Any script and emoji, but no character that is not text: control
 * characters (NUL, ESC sequences that corrupt terminals reading logs), format characters (the bidi overrides such as
 * U+202E that make "Ada" render as someone else's name, zero-width spaces that make two names look equal), line and
 * paragraph separators, and unpaired surrogates. U+200D ZERO WIDTH JOINER is kept: emoji sequences need it.
 */
public record DisplayName(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern TEXT = Pattern.compile("(?:[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]|\\u200D)+");

    public DisplayName {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("displayName", "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidRequestException("displayName", "must be at most " + MAX_LENGTH + " characters");
        }
        if (!TEXT.matcher(value).matches()) {
            throw new InvalidRequestException("displayName",
                    "must be printable text: no control, bidi-override or invisible formatting characters");
        }
    }

    /** Surrounding white space is not part of a name. */
    public static DisplayName parse(String raw) {
        return new DisplayName(raw == null ? null : raw.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
