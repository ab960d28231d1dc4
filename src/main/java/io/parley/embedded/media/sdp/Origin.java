package io.parley.embedded.media.sdp;

/**
 * The {@code o=} line (RFC 8866 §5.2). JSEP (RFC 8829 §5.2.1) has browsers write {@code o=- <random id> <version> IN IP4
 * 127.0.0.1}; only the session id and version carry meaning, and only to the side that wrote them.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {

    /** The origin the router writes: the address is a placeholder, exactly as JSEP has browsers do. */
    public static Origin router(long sessionId, long version) {
        return new Origin("-", Long.toUnsignedString(sessionId), Long.toString(version), "IN", "IP4", "127.0.0.1");
    }

    static Origin parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 6) {
            throw new SdpException("o= must be '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>'");
        }
        for (String field : f) {
            if (field.isEmpty()) {
                throw new SdpException("o= has an empty field");
            }
        }
        if (!f[1].chars().allMatch(Character::isDigit) || !f[2].chars().allMatch(Character::isDigit)) {
            throw new SdpException("o= session id and version must be decimal numbers");
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    @Override
    public String toString() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addrType, address);
    }
}
