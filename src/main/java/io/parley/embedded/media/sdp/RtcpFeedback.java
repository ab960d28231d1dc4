package io.parley.embedded.media.sdp;

/**
 * {@code a=rtcp-fb:<pt or *> <type>[ <subtype>]} (RFC 4585 §4.2), e.g. {@code nack pli}. {@code payloadType} is -1 for
 * the wildcard.
 */
public record RtcpFeedback(int payloadType, String type) {

    public static final int WILDCARD = -1;

    static RtcpFeedback parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0 || value.substring(space + 1).isBlank()) {
            throw new SdpException("a=rtcp-fb must be '<pt> <feedback type>', not '" + value + "'");
        }
        String pt = value.substring(0, space);
        int payloadType = pt.equals("*") ? WILDCARD : Numbers.payloadType(pt, "a=rtcp-fb");
        return new RtcpFeedback(payloadType, value.substring(space + 1).strip());
    }

    boolean appliesTo(int pt) {
        return payloadType == WILDCARD || payloadType == pt;
    }

    Attribute attribute() {
        return Attribute.of("rtcp-fb", (payloadType == WILDCARD ? "*" : Integer.toString(payloadType)) + " " + type);
    }
}
