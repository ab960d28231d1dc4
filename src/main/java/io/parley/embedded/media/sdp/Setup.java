package io.parley.embedded.media.sdp;

/**
 * {@code a=setup} (RFC 4145 §4, for DTLS RFC 5763 §5): who opens the DTLS association. The offerer must say actpass;
 * the answerer picks active (DTLS client) or passive (DTLS server).
 */
public enum Setup {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    public String sdpName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Setup parse(String value) {
        for (Setup s : values()) {
            if (s.sdpName().equals(value)) {
                return s;
            }
        }
        throw new SdpException("a=setup must be active, passive, actpass or holdconn, not '" + value + "'");
    }

    Attribute attribute() {
        return Attribute.of("setup", sdpName());
    }
}
