package io.parley.embedded.media.sdp;

/**
 * The syntax checks for the attributes this package reads, run at parse time so errors carry a line number. Other
 * attributes are kept verbatim and never interpreted, as RFC 8866 §5.13 asks of unknown attributes.
 */
final class AttributeSyntax {

    private AttributeSyntax() {
    }

    static void check(Attribute a) {
        String v = a.value();
        switch (a.name()) {
            case "rtpmap" -> RtpMap.parse(required(a));
            case "fmtp" -> Fmtp.parse(required(a));
            case "rtcp-fb" -> RtcpFeedback.parse(required(a));
            case "extmap" -> ExtMap.parse(required(a));
            case "ssrc" -> SsrcAttribute.parse(required(a));
            case "ssrc-group" -> SsrcGroup.parse(required(a));
            case "msid" -> Msid.parse(required(a));
            case "fingerprint" -> Fingerprint.parse(required(a));
            case "setup" -> Setup.parse(required(a));
            case "mid", "group" -> required(a);
            case "ice-ufrag", "ice-pwd" -> {
                // RFC 8839 §5.4: ice-chars only; length rules are checked where the credentials are used
                if (!required(a).matches("[A-Za-z0-9+/]{1,256}")) {
                    throw new SdpException("a=" + a.name() + " must be 1 to 256 ice-chars (letters, digits, '+', '/')");
                }
            }
            case "sendrecv", "sendonly", "recvonly", "inactive", "rtcp-mux", "ice-lite", "end-of-candidates" -> {
                if (v != null) {
                    throw new SdpException("a=" + a.name() + " takes no value");
                }
            }
            default -> {
            }
        }
    }

    private static String required(Attribute a) {
        if (a.value() == null || a.value().isBlank()) {
            throw new SdpException("a=" + a.name() + " needs a value");
        }
        return a.value();
    }
}
