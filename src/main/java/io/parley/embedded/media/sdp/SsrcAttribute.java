package io.parley.embedded.media.sdp;

/** {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code a=ssrc:1234 cname:abc}. */
public record SsrcAttribute(long ssrc, String name, String value) {

    static SsrcAttribute parse(String text) {
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            throw new SdpException("a=ssrc must be '<ssrc> <attribute>[:<value>]', not '" + text + "'");
        }
        long ssrc = Numbers.ssrc(text.substring(0, space));
        String rest = text.substring(space + 1);
        int colon = rest.indexOf(':');
        return colon < 0
                ? new SsrcAttribute(ssrc, rest, null)
                : new SsrcAttribute(ssrc, rest.substring(0, colon), rest.substring(colon + 1));
    }

    Attribute attribute() {
        return Attribute.of("ssrc", ssrc + " " + name + (value == null ? "" : ":" + value));
    }
}
