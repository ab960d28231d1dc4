package io.parley.embedded.media.sdp;

/**
 * A non-attribute line the model keeps verbatim ({@code c=}, {@code b=}, {@code t=}, {@code i=} ...), so that a
 * description written back out says what it said when it was read.
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        if (value == null) {
            throw new IllegalArgumentException("an SDP line needs a value");
        }
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
